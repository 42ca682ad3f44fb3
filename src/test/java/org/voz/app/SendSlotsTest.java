package org.voz.app;

import org.voz.service.campaigns.SendSlots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SendSlots: one slot every 1/perSecond s, from now when the last is past")
class SendSlotsTest {

  @Test
  @DisplayName("4 per second: 250 ms apart, however fast they are asked for; after an idle spell, from now")
  void spacedAndNoBurstAfterIdle() {
    SendSlots slots = new SendSlots(4);
    assertThat(slots.next(10_000)).isEqualTo(10_000);
    assertThat(slots.next(10_000)).isEqualTo(10_250);
    assertThat(slots.next(10_001)).isEqualTo(10_500);
    assertThat(slots.next(60_000)).as("idle: not made up for").isEqualTo(60_000);
    assertThat(slots.next(60_000)).isEqualTo(60_250);
  }

  @Test
  @DisplayName("3 per second: no rounding drift (1,000 slots take 1,000/3 s)")
  void noDrift() {
    SendSlots slots = new SendSlots(3);
    long last = 0;
    for (int i = 0; i < 1000; i++) {
      last = slots.next(0);
    }
    assertThat(last).isEqualTo(999_000 / 3);
    assertThatThrownBy(() -> new SendSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
