package org.voz.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox dispatcher works.
 *
 * @param consumerName    this instance's consumer name in the group: unique per instance, and the same across its
 *                        restarts, so that what it had read and not settled is delivered again at once
 * @param batchSize       entries read per partition per read
 * @param sweepInterval   how often every partition is read and due retries are promoted
 * @param claimIdle       an entry pending this long with a consumer is taken over (XAUTOCLAIM): its instance died.
 *                        Keep it well above {@code deliveryTimeout}
 * @param maxAttempts     attempts before an entry is dead-lettered
 * @param backoffBase     first retry delay; doubled per attempt, with jitter
 * @param backoffMax      retry delay ceiling (a provider's Retry-After may exceed it)
 * @param deliveryTimeout a delivery that has not answered by then counts as a transient failure
 * @param concurrency     deliveries under way at once per partition (entries about one survivor still go one
 *                        after another)
 */
public record DispatchOptions(
    String consumerName,
    int batchSize,
    Duration sweepInterval,
    Duration claimIdle,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration deliveryTimeout,
    int concurrency) {

  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_CONCURRENCY = 8;

  public DispatchOptions {
    Objects.requireNonNull(consumerName, "consumerName");
    require(!consumerName.isBlank(), "consumerName is blank");
    require(batchSize >= 1, "batchSize < 1");
    require(positive(sweepInterval), "sweepInterval must be positive");
    require(positive(claimIdle), "claimIdle must be positive");
    require(maxAttempts >= 1, "maxAttempts < 1");
    require(positive(backoffBase), "backoffBase must be positive");
    require(positive(backoffMax) && backoffMax.compareTo(backoffBase) >= 0, "backoffMax < backoffBase");
    require(positive(deliveryTimeout), "deliveryTimeout must be positive");
    require(concurrency >= 1, "concurrency < 1");
  }

  /** With {@link #DEFAULT_CONCURRENCY}. */
  public DispatchOptions(String consumerName, int batchSize, Duration sweepInterval, Duration claimIdle,
      int maxAttempts, Duration backoffBase, Duration backoffMax, Duration deliveryTimeout) {
    this(consumerName, batchSize, sweepInterval, claimIdle, maxAttempts, backoffBase, backoffMax, deliveryTimeout,
        DEFAULT_CONCURRENCY);
  }

  /** The original seven settings, with {@link #DEFAULT_DELIVERY_TIMEOUT} and {@link #DEFAULT_CONCURRENCY}. */
  public DispatchOptions(String consumerName, int batchSize, Duration sweepInterval, Duration claimIdle,
      int maxAttempts, Duration backoffBase, Duration backoffMax) {
    this(consumerName, batchSize, sweepInterval, claimIdle, maxAttempts, backoffBase, backoffMax,
        DEFAULT_DELIVERY_TIMEOUT);
  }

  /** Production defaults: 50 per read, sweep 500 ms, claim after 2 min, 12 attempts, 2 s … 15 min backoff, 8 at once. */
  public static DispatchOptions defaults(String consumerName) {
    return new DispatchOptions(consumerName, 50, Duration.ofMillis(500), Duration.ofMinutes(2), 12,
        Duration.ofSeconds(2), Duration.ofMinutes(15));
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("dispatch options: " + what);
    }
  }
}
