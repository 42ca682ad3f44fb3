package org.voz.channel;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where sends book their slots ({@link RateLimiter#reserve}): in this instance's memory ({@link #LOCAL}), or in
 * Redis, shared by every instance ({@link SharedRateBook}). Completes with the wait until the booked start in
 * nanoseconds, or minus the wait when it would exceed {@code maxWaitNanos} (nothing booked).
 */
@FunctionalInterface
public interface RateBook {

  RateBook LOCAL = (uses, maxWaitNanos) -> Future.succeededFuture(RateLimiter.reserve(uses, System.nanoTime(), maxWaitNanos));

  Future<Long> reserve(List<RateLimiter.Use> uses, long maxWaitNanos);
}
