package org.voz.channel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;

/**
 * A {@link ChannelSender} that keeps to its rates: each send books the earliest start free under every limit
 * it falls under and waits for it on a Vert.x timer (never a sleeping thread). A burst therefore waits rather
 * than failing; only a wait longer than {@code maxWait} fails at once, as a deferral (no attempt counted) with a
 * Retry-After, so that the outbox retries it later rather than sending it after the outbox gave up on it
 * (keep it below the outbox's 30 s delivery timeout). Rates are per instance with {@link RateBook#LOCAL}, and
 * across instances with a {@link SharedRateBook}.
 */
public final class RateLimitedSender implements ChannelSender {

  /** The longest a send waits for its turn (below the outbox's 30 s delivery timeout); beyond it, the outbox retries later. */
  // Two waits in a row (a WhatsApp send falling back to SMS) plus the provider's answer must stay well
  // within the outbox's delivery timeout, or a send abandoned by the timeout could still go out twice.
  public static final Duration MAX_WAIT = Duration.ofSeconds(8);

  /** A limiter, the key a send to an address falls under in it, and the permits a text takes. */
  public record Limit(RateLimiter limiter, Function<String, String> keyOfAddress, ToIntFunction<OutboundText> cost) {

    /** One rate over every send, e.g. per Twilio sender or over all Telegram chats. */
    public static Limit overall(double perSecond, ToIntFunction<OutboundText> cost) {
      return overall("all", perSecond, cost);
    }

    /** As {@link #overall(double, ToIntFunction)}, named where it is shared (e.g. the Twilio sender). */
    public static Limit overall(String name, double perSecond, ToIntFunction<OutboundText> cost) {
      return new Limit(new RateLimiter(name, perSecond), address -> "", cost);
    }

    /** One rate per address, e.g. per Telegram chat; each send one permit. */
    public static Limit perAddress(double perSecond) {
      return perAddress("address", perSecond);
    }

    /** As {@link #perAddress(double)}, named where it is shared. */
    public static Limit perAddress(String name, double perSecond) {
      return new Limit(new RateLimiter(name, perSecond), address -> address, text -> 1);
    }
  }

  private final Vertx vertx;
  private final ChannelSender inner;
  private final List<Limit> limits;
  private final long maxWaitNanos;
  private final RateBook book;

  public RateLimitedSender(Vertx vertx, ChannelSender inner, List<Limit> limits, Duration maxWait) {
    this(vertx, inner, limits, maxWait, RateBook.LOCAL);
  }

  /** @param book where the slots are booked: this instance, or Redis for all instances */
  public RateLimitedSender(Vertx vertx, ChannelSender inner, List<Limit> limits, Duration maxWait, RateBook book) {
    this.book = book;
    this.vertx = vertx;
    this.inner = inner;
    this.limits = List.copyOf(limits);
    this.maxWaitNanos = maxWait.toNanos();
  }

  @Override
  public Future<List<String>> send(String address, OutboundText text) {
    return send(address, text, () -> inner.send(address, text));
  }

  @Override
  public Future<List<String>> sendAgain(String address, OutboundText text, java.time.Instant since) {
    return send(address, text, () -> inner.sendAgain(address, text, since));
  }

  private Future<List<String>> send(String address, OutboundText text,
      java.util.function.Supplier<Future<List<String>>> sending) {
    List<RateLimiter.Use> uses = limits.stream().map(limit -> new RateLimiter.Use(limit.limiter(),
        limit.keyOfAddress().apply(address), Math.max(1, limit.cost().applyAsInt(text)))).toList();
    return book.reserve(uses, maxWaitNanos)
        .recover(e -> Future.failedFuture(DeliveryException.transientFailure("rate limit unknown: Redis failed")))
        .compose(wait -> afterWait(wait, sending));
  }

  private Future<List<String>> afterWait(long wait, java.util.function.Supplier<Future<List<String>>> sending) {
    if (wait < 0) {
      return Future.failedFuture(DeliveryException.deferred("rate limit: the send queue is full",
          Duration.ofNanos(-wait)));
    }
    long delayMillis = (wait + 999_999) / 1_000_000;
    if (delayMillis == 0) {
      return sendNow(sending);
    }
    Promise<List<String>> sent = Promise.promise();
    vertx.setTimer(delayMillis, id -> sendNow(sending).onComplete(sent));
    return sent.future();
  }

  private Future<List<String>> sendNow(java.util.function.Supplier<Future<List<String>>> sending) {
    try {
      return sending.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
