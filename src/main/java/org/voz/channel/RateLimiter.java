package org.voz.channel;

import java.util.HashMap;
import java.util.Map;

/**
 * A rate per key, kept as a virtual schedule (GCRA): each key has the time its next send may start; a send
 * of {@code n} permits at {@code t} moves it to {@code t + n / rate}. No burst beyond one send, no thread
 * ever sleeps: the caller learns when it may go and waits on a timer ({@link RateLimitedSender}).
 * Keys whose time has passed are forgotten, so a per-chat limiter does not grow without end.
 */
public final class RateLimiter {

  private static final int PRUNE_ABOVE = 10_000;

  private final long intervalNanos;
  private final Map<String, Long> nextStart = new HashMap<>();

  public RateLimiter(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("a rate must be positive: " + perSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
  }

  /** The earliest start ({@link System#nanoTime()} scale) for a send under {@code key}, at {@code now} or later. */
  synchronized long earliest(String key, long now) {
    Long next = nextStart.get(key);
    return next == null || next - now < 0 ? now : next;
  }

  /** Books {@code permits} sends under {@code key} from {@code start} (which {@link #earliest} allowed). */
  synchronized void book(String key, long start, int permits) {
    if (nextStart.size() > PRUNE_ABOVE) {
      nextStart.values().removeIf(next -> next - start < 0);
    }
    nextStart.put(key, start + permits * intervalNanos);
  }
}
