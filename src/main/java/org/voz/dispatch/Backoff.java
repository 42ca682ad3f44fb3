package org.voz.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Retry delays: base·2^attempts, capped, with equal jitter (half fixed, half random), never before Retry-After. */
final class Backoff {

  private final long baseMillis;
  private final long maxMillis;

  Backoff(Duration base, Duration max) {
    this.baseMillis = Math.max(1, base.toMillis());
    this.maxMillis = Math.max(baseMillis, max.toMillis());
  }

  /** The longest {@link #delay} after {@code attemptsMade} attempts, without a Retry-After. */
  Duration ceiling(int attemptsMade) {
    int shift = Math.min(Math.max(attemptsMade, 0), 40);
    long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    return Duration.ofMillis(Math.min(exponential, maxMillis));
  }

  Duration delay(int attemptsMade, Duration retryAfter) {
    return delay(attemptsMade, retryAfter, ThreadLocalRandom.current().nextDouble());
  }

  /** @param random in [0, 1) */
  Duration delay(int attemptsMade, Duration retryAfter, double random) {
    int shift = Math.min(Math.max(attemptsMade, 0), 40);
    long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    long capped = Math.min(exponential, maxMillis);
    long jittered = capped / 2 + (long) (capped / 2.0 * random);
    long floor = retryAfter == null ? 0 : retryAfter.toMillis();
    return Duration.ofMillis(Math.max(Math.max(jittered, 1), floor));
  }
}
