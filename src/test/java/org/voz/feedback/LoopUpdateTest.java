package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voz.conversation.SmsSegments;

@DisplayName("A 'what we changed' update: at most three segments, no link, no phone number, one id per text")
class LoopUpdateTest {

  private static LoopUpdate update(String es) {
    return new LoopUpdate("exit-2026", Map.of("es", es));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("links are found, however written")
  @ValueSource(strings = {"Mas en https://ayuda.example/x", "HTTP://AYUDA.ORG", "Visita www.ayuda", "Entra a ayuda.gt/form",
      "bit.ly/3xYz", "Escribe a ana@ayuda.org", "ayuda\uFF0Eorg", "ayuda\u3002org", "t.me/VozBot", "wa.me"})
  void links(String text) {
    assertThat(LoopUpdate.hasLink(text)).isTrue();
    assertThat(update(text).problem(false, t -> 1)).get().extracting(LoopUpdate.Problem::language).isEqualTo("es");
    assertThat(update(text).problem(true, t -> 1)).as("an admin allowed them").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("phone numbers are found, however written")
  @ValueSource(strings = {"Llama al +50255550147", "Llama al +502 5555-0147", "(502) 5555 0147", "5555.0147", "555 50 147",
      "\uFF15\uFF15\uFF15\uFF15\uFF10\uFF11\uFF14\uFF17"})
  void phoneNumbers(String text) {
    assertThat(LoopUpdate.hasPhoneNumber(text)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("ordinary sentences, dates, hours and short numbers pass")
  @ValueSource(strings = {"Gracias: ahora abrimos los sabados.", "Abrimos del 01/12/2026 al 15/12/2026.", "Desde 2026-12-01.",
      "De 08:00 a 20:00.", "Ahora hay 12 camas mas y 3 personas nuevas.", "Thank you. We listened, e.g. on Saturdays.",
      "Obrigado! Agora abrimos aos sábados.", "Merci : nous ouvrons le samedi."})
  void ordinaryText(String text) {
    assertThat(LoopUpdate.hasLink(text)).as("link").isFalse();
    assertThat(LoopUpdate.hasPhoneNumber(text)).as("phone").isFalse();
    assertThat(update(text).problem(false, t -> 1)).isEmpty();
  }

  @Test
  @DisplayName("a text over three SMS segments (459 plain characters, 201 with an accent), or blank, is refused naming its language")
  void segments() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("es", "á".repeat(201));
    texts.put("en", "x".repeat(459));
    assertThat(new LoopUpdate("c", texts).problem(false, SmsSegments::segments)).as("at the limit").isEmpty();
    texts.put("en", "x".repeat(460));
    assertThat(new LoopUpdate("c", texts).problem(false, SmsSegments::segments)).get()
        .extracting(LoopUpdate.Problem::language).isEqualTo("en");
    texts.put("en", "x".repeat(459));
    texts.put("es", "á".repeat(202));
    assertThat(new LoopUpdate("c", texts).problem(false, SmsSegments::segments)).get()
        .extracting(LoopUpdate.Problem::language).isEqualTo("es");
    assertThat(update(" ").problem(true, t -> 1)).isPresent();
  }

  @Test
  @DisplayName("the same campaign and texts give the same id, whatever their order; another text or campaign another")
  void id() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("es", "Gracias.");
    one.put("en", "Thanks.");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("en", "Thanks.");
    other.put("es", "Gracias.");
    assertThat(new LoopUpdate("c", one).id()).isEqualTo(new LoopUpdate("c", other).id()).hasSize(32);
    assertThat(new LoopUpdate("d", one).id()).isNotEqualTo(new LoopUpdate("c", one).id());
    assertThat(new LoopUpdate("c", Map.of("es", "Gracias!")).id()).isNotEqualTo(new LoopUpdate("c", Map.of("es", "Gracias.")).id());
  }
}
