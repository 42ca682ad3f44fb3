package org.voz.channel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.voz.dispatch.DeliveryException;

/**
 * A {@link ChannelSender} that keeps to rates: each send waits (on a Vert.x timer, never a sleeping thread)
 * until every limit it falls under lets it go, then books its permits on all of them at once. A burst
 * therefore waits rather than failing; only a wait longer than {@code maxWait} (kept below the outbox's
 * delivery timeout) fails at once, as a transient failure with a Retry-After, so the outbox retries it later
 * instead of sending it after it gave up. Rates are per instance.
 */
public final class RateLimitedSender implements ChannelSender {

  /** A limiter and the key a send falls under in it (e.g. one key per sender, or per chat). */
  public record Limit(RateLimiter limiter, Function<String, String> keyOfAddress) {
    public static Limit overall(RateLimiter limiter) {
      return new Limit(limiter, address -> "");
    }

    public static Limit perAddress(RateLimiter limiter) {
      return new Limit(limiter, address -> address);
    }
  }

  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final ChannelSender inner;
  private final List<Limit> limits;
  private final ToIntFunction<OutboundText> cost;
  private final long maxWaitNanos;

  /** @param cost the permits a text takes, e.g. the number of messages it is sent as (at least 1) */
  public RateLimitedSender(Vertx vertx, ChannelSender inner, List<Limit> limits, ToIntFunction<OutboundText> cost,
      Duration maxWait) {
    this.vertx = vertx;
    this.inner = inner;
    this.limits = List.copyOf(limits);
    this.cost = cost;
    this.maxWaitNanos = maxWait.toNanos();
  }

  @Override
  public Future<Void> send(String address, OutboundText text) {
    long now = System.nanoTime();
    long wait = book(address, Math.max(1, cost.applyAsInt(text)), now);
    if (wait < 0) {
      return Future.failedFuture(new DeliveryException("rate limit: the send queue is full", false,
          Duration.ofNanos(-wait)));
    }
    long delayMillis = (wait + 999_999) / 1_000_000;
    if (delayMillis == 0) {
      return inner.send(address, text);
    }
    Promise<Void> sent = Promise.promise();
    vertx.setTimer(delayMillis, id -> inner.send(address, text).onComplete(sent));
    return sent.future();
  }

  /** Books the permits and returns the wait in nanos; or, when it would exceed maxWait, books nothing and returns minus the wait. */
  private long book(String address, int permits, long now) {
    synchronized (RateLimiter.class) {
      long start = now;
      for (Limit limit : limits) {
        long earliest = limit.limiter().earliest(limit.keyOfAddress().apply(address), now);
        start = earliest - start > 0 ? earliest : start;
      }
      long wait = start - now;
      if (wait > maxWaitNanos) {
        return -wait;
      }
      for (Limit limit : limits) {
        limit.limiter().book(limit.keyOfAddress().apply(address), start, permits);
      }
      return wait;
    }
  }
}
