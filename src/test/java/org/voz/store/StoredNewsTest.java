package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.consent.Survivor;
import org.voz.feedback.LoopNews;
import org.voz.feedback.Participation;

@DisplayName("A survivor record keeps its 'what we changed' updates across a write and a read")
class StoredNewsTest {

  private static Survivor survivor(Participation feedback) {
    return Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(new Survivor.Contact("sms", "+50255550147")), "hash",
        List.of(), Instant.parse("2026-11-23T12:00:00Z")).withFeedback(feedback);
  }

  @Test
  @DisplayName("an unread update keeps its texts in the order given (the first the fallback), a read one its ids only")
  void roundTrip() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("pt", "Obrigado: agora abrimos aos sábados.");
    texts.put("es", "Gracias: ahora abrimos los sábados.");
    Participation feedback = new Participation(true, "shelter", null, List.of())
        .withNews(LoopNews.unread("exit-2026", "u1", texts, "pt"))
        .withNews(LoopNews.unread("exit-2026", "u2", texts, "pt"))
        .withNewsRead("exit-2026", "u2");

    Survivor read = Json.read(Json.write(survivor(feedback)), Survivor.class);

    assertThat(read.feedback()).isEqualTo(feedback);
    assertThat(read.feedback().unread()).singleElement().satisfies(n -> {
      assertThat(n.texts().keySet()).containsExactly("pt", "es");
      assertThat(n.text("en")).isEqualTo("Obrigado: agora abrimos aos sábados.");
    });
    assertThat(read.feedback().news().get(1).texts()).isEmpty();
  }

  @Test
  @DisplayName("a record written before updates were kept reads with none")
  void olderRecord() {
    String json = Json.write(survivor(new Participation(true, "shelter", null, List.of())))
        .replace(",\"news\":[]", "");
    assertThat(json).doesNotContain("news");
    assertThat(Json.read(json, Survivor.class).feedback().news()).isEmpty();
  }
}
