package org.voz.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Voz's own meters, next to Vert.x's HTTP and pool meters in the same registry. */
public final class VozMetrics {

  private final MeterRegistry registry;
  private final Timer commitLatency;
  private final AtomicLong outboxDepth = new AtomicLong();
  /** The per-channel counters of every message, found once (a builder's register looks the meter up each time). */
  private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> messagesOut = new ConcurrentHashMap<>();

  public VozMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.commitLatency =
        Timer.builder("voz.commit")
            .description("Time from a parsed inbound message to its committed transition")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    Gauge.builder("voz.outbox.depth", outboxDepth, AtomicLong::get)
        .description("Outbox entries not yet delivered (streams plus retries)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void messageIn(String channel) {
    messagesIn.computeIfAbsent(channel, c -> Counter.builder("voz.messages.in").tag("channel", c).register(registry))
        .increment();
  }

  public void messageOut(String channel) {
    messagesOut.computeIfAbsent(channel, c -> Counter.builder("voz.messages.out").tag("channel", c).register(registry))
        .increment();
  }

  /** A provider's delivery status report ({@code voz_delivery_status_total{channel,status}}). */
  public void deliveryStatus(String channel, String status) {
    Counter.builder("voz.delivery.status").tag("channel", channel).tag("status", status)
        .description("Delivery status callbacks received, by channel and status").register(registry).increment();
  }

  public void commitConflict() {
    Counter.builder("voz.commit.conflicts").register(registry).increment();
  }

  public void duplicate(String channel) {
    Counter.builder("voz.messages.duplicate").tag("channel", channel).register(registry).increment();
  }

  /** From the message that raised an alert to the case manager's webhook answering 2xx. */
  public void alertAccepted(java.time.Duration latency) {
    Timer.builder("voz.alert.latency")
        .description("From the survivor's message to the alert accepted by the case manager's webhook")
        .register(registry).record(latency.isNegative() ? java.time.Duration.ZERO : latency);
  }

  /** A request refused for its bearer token (401). */
  public void authFailure() {
    Counter.builder("voz.auth.failures").description("Requests refused for a missing or wrong bearer token")
        .register(registry).increment();
  }

  /** A request refused because its address had too many failed tokens (429). */
  public void authThrottled() {
    Counter.builder("voz.auth.throttled").description("Requests refused while their address is blocked")
        .register(registry).increment();
  }

  /** A message from an unknown sender: answered (the first in its window) or not. */
  public void unknownSender(boolean answered) {
    Counter.builder("voz.unknown.sender").tag("answered", Boolean.toString(answered))
        .description("Messages from addresses no survivor has; one answer per address per window")
        .register(registry).increment();
  }

  /** An inbound message's step run again because Redis could not take commands for now (loading, a failover). */
  public void redisWait() {
    Counter.builder("voz.inbound.redis.waits")
        .description("Inbound steps run again while Redis was loading or failing over (the webhook waited, up to 10 s)")
        .register(registry).increment();
  }

  public Timer commitLatency() {
    return commitLatency;
  }

  public void outboxDepth(long depth) {
    outboxDepth.set(depth);
  }
}
