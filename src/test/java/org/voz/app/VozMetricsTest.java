package org.voz.app;

import org.voz.service.VozMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VozMetricsTest {

  @Test
  @DisplayName("the message counters, kept per channel, count into the registry's meters by channel")
  void messageCountersPerChannel() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    VozMetrics metrics = new VozMetrics(registry);
    metrics.messageIn("sms");
    metrics.messageIn("sms");
    metrics.messageIn("telegram");
    metrics.messageOut("sms");
    assertThat(registry.get("voz.messages.in").tag("channel", "sms").counter().count()).isEqualTo(2);
    assertThat(registry.get("voz.messages.in").tag("channel", "telegram").counter().count()).isEqualTo(1);
    assertThat(registry.get("voz.messages.out").tag("channel", "sms").counter().count()).isEqualTo(1);
    assertThat(registry.find("voz.messages.out").tag("channel", "telegram").counter()).isNull();
  }
}
