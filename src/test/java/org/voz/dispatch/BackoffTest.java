package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

  @Test
  @DisplayName("the delay doubles per attempt, between half and all of base·2^attempts")
  void doubles() {
    assertThat(backoff.delay(0, null, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.delay(0, null, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(backoff.delay(3, null, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(3, null, 0.5)).isEqualTo(Duration.ofMillis(600));
  }

  @Test
  @DisplayName("the delay is capped, even after very many attempts")
  void capped() {
    assertThat(backoff.delay(20, null, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(1000, null, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(-1, null, 0.0)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  @DisplayName("a provider's Retry-After is a floor, even above the cap")
  void retryAfterIsAFloor() {
    assertThat(backoff.delay(0, Duration.ofSeconds(3), 0.0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delay(0, Duration.ofMinutes(5), 0.0)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.delay(10, Duration.ofMillis(1), 0.0)).isEqualTo(Duration.ofSeconds(5));
  }
}
