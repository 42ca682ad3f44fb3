package org.voz.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Contact window: when and where Voz may write first")
class ContactWindowTest {

  private final ContactWindow guatemala =
      new ContactWindow("America/Guatemala", LocalTime.of(8, 0), LocalTime.of(20, 0), List.of("sms"));

  @Test
  @DisplayName("within the hours: now; before: today's start; after: tomorrow's start (in the survivor's zone)")
  void nextAllowed() {
    // Guatemala is UTC-6 all year
    assertThat(guatemala.nextAllowed(Instant.parse("2026-11-23T15:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
    assertThat(guatemala.nextAllowed(Instant.parse("2026-11-23T12:30:00Z"))).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(guatemala.nextAllowed(Instant.parse("2026-11-24T02:00:00Z"))).as("20:00 local is closed")
        .isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    assertThat(guatemala.nextAllowed(Instant.parse("2026-11-23T14:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(guatemala.nextAllowed(Instant.parse("2026-11-24T01:59:59Z"))).isEqualTo(Instant.parse("2026-11-24T01:59:59Z"));
  }

  @Test
  @DisplayName("only the channels marked safe; none marked means any")
  void channels() {
    assertThat(guatemala.allows("sms")).isTrue();
    assertThat(guatemala.allows("whatsapp")).isFalse();
    assertThat(new ContactWindow("UTC", LocalTime.of(8, 0), LocalTime.of(20, 0), List.of()).allows("telegram")).isTrue();
  }

  @Test
  @DisplayName("an unknown zone or hours that end before they start are refused")
  void invalid() {
    assertThatThrownBy(() -> new ContactWindow("Mars/Olympus", LocalTime.of(8, 0), LocalTime.of(20, 0), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContactWindow("UTC", LocalTime.of(20, 0), LocalTime.of(8, 0), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
