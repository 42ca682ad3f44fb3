package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Recently confirmed sends: every unsettled one, and a bounded number of settled ones")
class RecentlyConfirmedTest {

  @Test
  @DisplayName("with one send always unsettled at the head, the settled ones still stay within the bound")
  void boundedWhileTheEldestIsUnsettled() {
    RecentlyConfirmed recent = new RecentlyConfirmed(4);
    recent.confirmed("slow", "SM-slow"); // its settling takes long: it stays the eldest, unsettled
    for (int i = 0; i < 1_000; i++) {
      recent.confirmed("e" + i, "SM-" + i);
      recent.settled("e" + i);
    }
    assertThat(recent.size()).isLessThanOrEqualTo(4);
    assertThat(recent.providerIds("slow")).as("an unsettled send is never forgotten").isEqualTo("SM-slow");
    assertThat(recent.providerIds("e999")).isEqualTo("SM-999");
    assertThat(recent.providerIds("e0")).isNull();

    recent.settled("slow");
    recent.confirmed("e1000", "SM-1000");
    assertThat(recent.providerIds("slow")).as("settled and the oldest: forgotten").isNull();
    assertThat(recent.size()).isEqualTo(4);
  }

  @Test
  @DisplayName("unsettled sends are all kept, beyond the bound")
  void unsettledKeptBeyondTheBound() {
    RecentlyConfirmed recent = new RecentlyConfirmed(2);
    for (int i = 0; i < 5; i++) {
      recent.confirmed("e" + i, "SM-" + i);
    }
    assertThat(recent.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      recent.settled("e" + i);
    }
    assertThat(recent.size()).isEqualTo(2);
    assertThat(recent.providerIds("e4")).isEqualTo("SM-4");
  }
}
