package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DispatchOptionsTest {

  @Test
  @DisplayName("the seven-setting constructor keeps working, with the default delivery timeout")
  void sevenSettings() {
    DispatchOptions o = new DispatchOptions("i1", 10, Duration.ofMillis(500), Duration.ofSeconds(60), 5,
        Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertThat(o.deliveryTimeout()).isEqualTo(DispatchOptions.DEFAULT_DELIVERY_TIMEOUT);
    assertThat(DispatchOptions.defaults("i1").consumerName()).isEqualTo("i1");
  }

  @Test
  @DisplayName("nonsense settings are refused")
  void refused() {
    assertThatThrownBy(() -> new DispatchOptions(" ", 10, Duration.ofMillis(500), Duration.ofSeconds(60), 5,
        Duration.ofSeconds(1), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DispatchOptions("i", 0, Duration.ofMillis(500), Duration.ofSeconds(60), 5,
        Duration.ofSeconds(1), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DispatchOptions("i", 1, Duration.ZERO, Duration.ofSeconds(60), 5,
        Duration.ofSeconds(1), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DispatchOptions("i", 1, Duration.ofMillis(1), Duration.ofSeconds(60), 5,
        Duration.ofSeconds(10), Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
  }
}
