package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Campaigns: cohort, quiet hours, closing")
class CampaignTest {

  private static final Instant START = Instant.parse("2026-12-01T15:00:00Z");

  @Test
  @DisplayName("quiet hours may wrap midnight")
  void quietHours() {
    Campaign.QuietHours night = new Campaign.QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    assertThat(night.quietAt(LocalTime.of(23, 30))).isTrue();
    assertThat(night.quietAt(LocalTime.of(7, 59))).isTrue();
    assertThat(night.quietAt(LocalTime.of(8, 0))).isFalse();
    assertThat(night.quietAt(LocalTime.of(12, 0))).isFalse();
    Campaign.QuietHours lunch = new Campaign.QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
    assertThat(lunch.quietAt(LocalTime.of(13, 0))).isTrue();
    assertThat(lunch.quietAt(LocalTime.of(20, 0))).isFalse();
  }

  @Test
  @DisplayName("the cohort narrows by language, programme and exit date; empty means any")
  void cohort() {
    Campaign.Cohort c = new Campaign.Cohort(List.of("es", "pt"), List.of(), LocalDate.of(2025, 1, 1), null);
    assertThat(c.includes("es", "shelter", LocalDate.of(2025, 6, 1))).isTrue();
    assertThat(c.includes("en", "shelter", LocalDate.of(2025, 6, 1))).isFalse();
    assertThat(c.includes("pt", "legal", LocalDate.of(2024, 12, 31))).isFalse();
    assertThat(c.includes("pt", "legal", null)).isFalse();
    assertThatThrownBy(() -> new Campaign.Cohort(List.of(), List.of(), LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("results open at the closing time, which must follow the start")
  void closing() {
    Campaign c = new Campaign("c1", "exit", null, START, START.plusSeconds(3600), null, "co-1", START);
    assertThat(c.closed(START.plusSeconds(3599))).isFalse();
    assertThat(c.closed(START.plusSeconds(3600))).isTrue();
    assertThatThrownBy(() -> new Campaign("c1", "exit", null, START, START, null, "co-1", START))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
