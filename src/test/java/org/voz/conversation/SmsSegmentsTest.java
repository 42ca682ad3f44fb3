package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.SmsSegments.Encoding;

@DisplayName("SmsSegments")
class SmsSegmentsTest {

  @Test
  @DisplayName("plain text and GSM-7 accents stay GSM-7")
  void gsm() {
    assertThat(SmsSegments.encoding("Hi. Reply with your PIN to continue.")).isEqualTo(Encoding.GSM7);
    assertThat(SmsSegments.encoding("¿Qué? é è ñ Ñ ü à ¡ £ @")).isEqualTo(Encoding.GSM7);
  }

  @Test
  @DisplayName("one character outside GSM-7 makes the whole text UCS-2")
  void ucs2() {
    for (String text : new String[] {"Olá", "información", "ç", "“quoted”", "ok 👍"}) {
      assertThat(SmsSegments.encoding(text)).as(text).isEqualTo(Encoding.UCS2);
    }
  }

  @Test
  @DisplayName("GSM-7: 160 septets are one segment, 161 are two, then 153 per segment")
  void gsmBoundaries() {
    assertThat(SmsSegments.segments("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.segments("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.segments("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.segments("a".repeat(307))).isEqualTo(3);
  }

  @Test
  @DisplayName("extension-table characters count two septets")
  void extension() {
    assertThat(SmsSegments.encoding("€[]{}|^~\\")).isEqualTo(Encoding.GSM7);
    assertThat(SmsSegments.segments("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.segments("a".repeat(159) + "€")).isEqualTo(2);
  }

  @Test
  @DisplayName("UCS-2: 70 units are one segment, 71 are two, then 67 per segment")
  void ucs2Boundaries() {
    assertThat(SmsSegments.segments("á".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.segments("á".repeat(71))).isEqualTo(2);
    assertThat(SmsSegments.segments("á".repeat(134))).isEqualTo(2);
    assertThat(SmsSegments.segments("á".repeat(135))).isEqualTo(3);
  }

  @Test
  @DisplayName("an emoji counts as two UTF-16 units")
  void emoji() {
    assertThat(SmsSegments.segments("👍".repeat(35))).isEqualTo(1);
    assertThat(SmsSegments.segments("👍".repeat(36))).isEqualTo(2);
  }

  @Test
  @DisplayName("an empty text is no segment")
  void empty() {
    assertThat(SmsSegments.segments("")).isZero();
  }
}
