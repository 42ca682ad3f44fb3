package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.SmsSegments.Encoding;

@DisplayName("SmsText: GSM-7 when possible, segments as the network counts them, word-boundary parts")
class SmsTextTest {

  private static final String ES = "Hola. Tu solicitud fue registrada. Puedes cambiar tu decisión cuando quieras; "
      + "nadie más verá tus respuestas. Responde con el número de la opción que prefieras, o escribe MENU para volver "
      + "al inicio. Si necesitas ayuda, escribe AYUDA. Gracias por tu tiempo, tu opinión cuenta mucho.";
  private static final String PT = "Olá! A sua resposta foi registada. Você pode mudar a sua decisão a qualquer "
      + "momento, e ninguém mais verá as suas respostas. Responda com o número da opção que preferir, ou escreva "
      + "MENU para voltar ao início. Obrigado pela sua atenção, a sua opinião é importante para nós.";
  private static final String FR = "Bonjour. Votre réponse a été enregistrée. Vous pouvez changer votre décision "
      + "à tout moment ; personne d’autre ne verra vos réponses. Répondez avec le numéro de l’option que vous "
      + "préférez, ou écrivez MENU pour revenir au début. Merci, votre avis compte beaucoup pour nous.";

  @Test
  @DisplayName("a part that is only a non-breaking space (not whitespace to Java, a space once made GSM-7) is dropped")
  void nonBreakingSpaceAlone() {
    // found by SmsTextPropertiesTest (seed -3498477699463321120): 35 emoji fill one UCS-2 segment, the nbsp was cut
    // off as a part of its own, stripped (Java's strip keeps U+00A0), then made GSM-7: a part " "
    assertThat(SmsText.split("😀".repeat(35) + "\u00A0", 1)).containsExactly("😀".repeat(35));
  }

  @Test
  @DisplayName("typographic quotes, dashes, ellipsis and nbsp become GSM-7 when that makes the whole text GSM-7")
  void replacedWhenItHelps() {
    String typographic = "“Hola” — it’s fine…\u00A0¿sí? «oui»";
    assertThat(SmsSegments.encoding(typographic)).isEqualTo(Encoding.UCS2);
    assertThat(SmsText.toGsm(typographic)).isEqualTo(typographic); // í is not GSM-7: nothing gained, kept as is
    String english = "“Hola” — it’s fine…\u00A0«oui»";
    assertThat(SmsText.toGsm(english)).isEqualTo("\"Hola\" - it's fine... \"oui\"");

    String spanish = "“Gracias” — tu respuesta está guardada… Escribe MENU.";
    assertThat(SmsSegments.encoding(SmsText.toGsm(spanish.replace("á", "a")))).isEqualTo(Encoding.GSM7);
    assertThat(SmsText.toGsm(spanish.replace("á", "a"))).isEqualTo("\"Gracias\" - tu respuesta esta guardada... Escribe MENU.");
  }

  @Test
  @DisplayName("a text that stays UCS-2 keeps its typography; one already GSM-7 is unchanged")
  void unchangedOtherwise() {
    assertThat(SmsText.toGsm("Olá — “ok”")).isEqualTo("Olá — “ok”");
    assertThat(SmsText.toGsm("¿Qué? é è ñ ü à")).isEqualTo("¿Qué? é è ñ ü à");
  }

  @Test
  @DisplayName("GSM-7: 160 septets one segment, 161 two, then 153 per segment")
  void gsmBoundaries() {
    assertThat(SmsSegments.segments("")).isZero();
    assertThat(SmsSegments.segments("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.segments("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.segments("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.segments("a".repeat(307))).isEqualTo(3);
  }

  @Test
  @DisplayName("an extension character counts two septets, and the escape pair is never split across segments")
  void extensionPairs() {
    assertThat(SmsSegments.segments("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.segments("€".repeat(81))).isEqualTo(2);
    // 152 septets, then € (2 septets) would straddle 153: it moves whole to segment 2
    assertThat(SmsSegments.segments("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
    assertThat(SmsSegments.segments("a".repeat(151) + "€" + "a".repeat(153))).isEqualTo(2);
  }

  @Test
  @DisplayName("UCS-2 counts UTF-16 units: 70 one segment, 67 per segment, an emoji is two and never split")
  void ucs2Boundaries() {
    assertThat(SmsSegments.segments("á".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.segments("á".repeat(71))).isEqualTo(2);
    assertThat(SmsSegments.segments("á".repeat(134))).isEqualTo(2);
    assertThat(SmsSegments.segments("á".repeat(135))).isEqualTo(3);
    assertThat(SmsSegments.segments("👍".repeat(35))).isEqualTo(1);
    // 66 units then an emoji (2 units) would straddle 67: it moves to segment 2
    assertThat(SmsSegments.segments("á".repeat(66) + "👍" + "á".repeat(66))).isEqualTo(3);
    assertThat(SmsSegments.segments("á".repeat(65) + "👍" + "á".repeat(67))).isEqualTo(2);
  }

  @Test
  @DisplayName("es/pt/fr texts with accents: parts fit the budget, end on words, and keep every word in order")
  void languages() {
    for (String text : List.of(ES, PT, FR)) {
      for (int budget = 1; budget <= 3; budget++) {
        List<String> parts = SmsText.split(text, budget);
        assertThat(parts).as("%s / %d", text, budget).allSatisfy(part -> assertThat(SmsSegments.segments(part)).isBetween(1, 3));
        for (String part : parts) {
          assertThat(SmsSegments.segments(part)).as(part).isLessThanOrEqualTo(budget);
        }
        assertThat(String.join(" ", parts).replace('’', '\'').split("\\s+"))
            .containsExactly(text.replace('’', '\'').split("\\s+"));
      }
    }
    assertThat(SmsSegments.encoding(ES)).isEqualTo(Encoding.UCS2);
    assertThat(SmsText.split(ES, 3)).hasSize(2); // 288 units: 5 UCS-2 segments
    assertThat(SmsText.split(PT, 1)).hasSizeGreaterThan(2);
  }

  @Test
  @DisplayName("French typographic apostrophes go GSM-7 in a part that has no other UCS-2 character")
  void partsGoGsmOnTheirOwn() {
    String text = "Merci d’avoir répondu. " + "Votre avis compte beaucoup pour nous. ".repeat(3) + "C’est noté — à bientôt.";
    List<String> parts = SmsText.split(text, 1);
    assertThat(parts).anySatisfy(part -> assertThat(SmsSegments.encoding(part)).isEqualTo(Encoding.GSM7));
    assertThat(parts).allSatisfy(part -> assertThat(SmsSegments.segments(part)).isEqualTo(1));
  }

  @Test
  @DisplayName("a text within budget is one part; a line break is preferred as the cut")
  void shortAndLines() {
    assertThat(SmsText.split("  Hola.  ", 3)).containsExactly("Hola.");
    assertThat(SmsText.split("", 3)).isEmpty();
    String menu = "Elige una opción:\n" + "1. Ver mis permisos\n".repeat(3) + "2. Cambiar un permiso\n3. Salir";
    List<String> parts = SmsText.split(menu, 1);
    assertThat(parts).allSatisfy(part -> assertThat(SmsSegments.segments(part)).isEqualTo(1));
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).endsWith("permisos");
    assertThat(parts.get(1)).startsWith("1. Ver").endsWith("3. Salir");
    assertThat(SmsSegments.encoding(parts.get(1))).isEqualTo(Encoding.GSM7);
  }

  @Test
  @DisplayName("a word longer than the budget is cut inside, never inside an emoji")
  void longWordAndEmoji() {
    String emojis = "😀".repeat(100);
    List<String> parts = SmsText.split(emojis, 1);
    assertThat(String.join("", parts)).isEqualTo(emojis);
    assertThat(parts).allSatisfy(part -> {
      assertThat(SmsSegments.segments(part)).isEqualTo(1);
      assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
    });
    assertThat(parts.get(0)).hasSize(70);
    List<String> word = SmsText.split("x".repeat(400), 2);
    assertThat(word).extracting(String::length).containsExactly(306, 94);
  }

  @Test
  @DisplayName("parts are about even: no stray last word in a message of its own")
  void evenParts() {
    List<String> parts = SmsText.split("palabra ".repeat(45) + "fin.", 2);
    assertThat(parts).hasSize(2);
    assertThat(Math.abs(parts.get(0).length() - parts.get(1).length())).isLessThan(10);
  }

  @Test
  @DisplayName("split by length cuts on words and keeps surrogate pairs whole")
  void byLength() {
    assertThat(SmsText.splitByLength("uno dos tres cuatro", 8)).containsExactly("uno dos", "tres", "cuatro");
    assertThat(SmsText.splitByLength("😀😀😀", 3)).containsExactly("😀", "😀", "😀");
  }

  @Test
  @DisplayName("a budget below one segment is refused")
  void budgetChecked() {
    assertThatThrownBy(() -> SmsText.split("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("split by length refuses a length under 2 (it looped for ever on an emoji with 1, and on anything with 0)")
  void lengthChecked() {
    assertThatThrownBy(() -> SmsText.splitByLength("😀", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmsText.splitByLength("abc", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SmsText.splitByLength("😀a", 2)).containsExactly("😀", "a");
  }
}
