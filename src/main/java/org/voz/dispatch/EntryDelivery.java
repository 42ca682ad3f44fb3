package org.voz.dispatch;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.store.OutboxEntry;

/**
 * Delivers one stream entry of a partition and settles it atomically: delivered (ack), failed for now (retry
 * schedule, with backoff) or given up (dead letter). Runs on the dispatcher's context; logs ids, never content.
 */
final class EntryDelivery {

  private static final Logger log = LoggerFactory.getLogger(EntryDelivery.class);

  private final int partition;
  private final Context context;
  private final OutboxStreams streams;
  private final Delivery delivery;
  private final DispatchOptions options;
  private final Backoff backoff;
  private final DispatchCounters counters;
  /** What this instance knows it sent: read again, such an entry is settled, not sent again. */
  private final RecentlyConfirmed confirmed = new RecentlyConfirmed(RECENT);
  static final int RECENT = 4096;

  EntryDelivery(int partition, Context context, OutboxStreams streams, Delivery delivery,
      DispatchOptions options, DispatchCounters counters) {
    this.partition = partition;
    this.context = context;
    this.streams = streams;
    this.delivery = delivery;
    this.options = options;
    this.backoff = new Backoff(options.backoffBase(), options.backoffMax());
    this.counters = counters;
  }

  /**
   * Delivers and settles {@code message}; fails only if Redis failed (the entry stays pending, read again after
   * the reconnection or taken over later). {@code again}: it may have been sent before (read again from this
   * consumer's pending entries, taken over from another, or retried): its sent marker is looked at first.
   */
  Future<Void> process(StreamMessage<String, String> message, boolean again) {
    String streamId = message.getId();
    if (message.getBody() == null || message.getBody().isEmpty()) {
      return streams.ack(partition, streamId).mapEmpty(); // deleted from the stream, still pending
    }
    OutboxEntry entry;
    try {
      entry = OutboxEntry.fromFields(message.getBody());
    } catch (RuntimeException malformed) {
      log.warn("outbox p{} stream entry {}: malformed, dead-lettered", partition, streamId);
      return streams.deadLetter(partition, streamId, message.getBody(), "malformed outbox entry")
          .onSuccess(counters::deadLettered).mapEmpty();
    }
    String confirmation = confirmed.providerIds(entry.id());
    if (confirmation != null) {
      // sent by this instance, whose settling did not reach Redis (a dropped connection, a failover that lost it)
      log.info("outbox p{} entry {}: already sent, settled without sending again", partition, entry.id());
      return settleSent(streamId, entry, confirmation).mapEmpty();
    }
    Future<Boolean> sentBefore = again || entry.attempts() > 0
        ? streams.settleIfSent(partition, streamId, entry.id())
        : Future.succeededFuture(false);
    return sentBefore.compose(settled -> {
      if (settled) {
        log.info("outbox p{} entry {}: its send was confirmed before, settled without sending again", partition, entry.id());
        counters.delivered(1L);
        return Future.<Void>succeededFuture();
      }
      return deliverAndSettle(streamId, entry, again || entry.marked(OutboxEntry.UNSURE) ? unknownSince(streamId, entry) : null)
          .mapEmpty();
    });
  }

  /** How far the clocks of Redis (stream ids) and of a provider (its messages' dates, to the second) may differ. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(2);

  /**
   * The earliest an earlier attempt of {@code entry}, whose outcome is unknown, may have begun: the time of its stream
   * id (written at the commit, or when a retry fell due), less the clock margin; for a retry whose last attempt's
   * outcome is unknown ({@link OutboxEntry#UNSURE}), that attempt, at most its timeout and the longest backoff before
   * the retry fell due. Earlier than the entry
   * itself it cannot be, and the provider's messages from before it are not this entry's.
   */
  Instant unknownSince(String streamId, OutboxEntry entry) {
    int dash = streamId.indexOf('-');
    long written;
    try {
      written = Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    } catch (NumberFormatException notAStreamId) {
      written = System.currentTimeMillis();
    }
    Duration before = CLOCK_MARGIN;
    if (entry.marked(OutboxEntry.UNSURE) && entry.attempts() > 0) {
      before = before.plus(options.deliveryTimeout()).plus(backoff.ceiling(entry.attempts() - 1));
    }
    return Instant.ofEpochMilli(written).minus(before);
  }

  /**
   * Delivers {@code entry} ({@code unknownSince}: not its first attempt, see {@link Delivery#deliverAgain}) and settles it: at the provider's confirmation (or the delivery's success, whichever
   * comes first), else as a failure. A confirmation that comes after the delivery timed out (and the entry went to
   * the retry schedule) still writes the sent marker, so the retry is not sent.
   */
  private Future<Long> deliverAndSettle(String streamId, OutboxEntry entry, Instant unknownSince) {
    Settling settling = new Settling();
    Future<Void> attempt;
    try {
      Delivery.Confirmation confirmation = ids -> confirm(settling, streamId, entry, ids);
      attempt = unknownSince == null
          ? delivery.deliver(entry, confirmation)
          : delivery.deliverAgain(entry, confirmation, unknownSince);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    attempt.onSuccess(v -> confirm(settling, streamId, entry, List.of()));
    return Future.fromCompletionStage(attempt.toCompletionStage(), context)
        .timeout(options.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .transform(result -> {
          if (result.succeeded()) {
            confirm(settling, streamId, entry, List.of()); // no-op if the confirmation came first
          }
          if (settling.confirmed.get()) {
            return settling.settled.future(); // confirmed: whatever failed after the send, it was sent
          }
          settling.failed = true;
          return failed(streamId, entry, result.cause());
        });
  }

  /** What one delivery's settling has come to. */
  private static final class Settling {
    /** Set once, by whichever thread the provider's confirmation (or the delivery's success) came on. */
    final AtomicBoolean confirmed = new AtomicBoolean();
    /** Completed on this context when {@code sent.lua} ran. */
    final Promise<Long> settled = Promise.promise();
    /** The delivery was settled as failed (timed out) before any confirmation; on this context only. */
    boolean failed;
  }

  /**
   * The provider accepted {@code entry}: settled in Redis at once, from whatever thread the answer came on (every
   * moment between the provider's acceptance and the settling is one where a crash sends it twice), then
   * remembered here, on this context, until it is settled and a while after.
   */
  private void confirm(Settling settling, String streamId, OutboxEntry entry, List<String> providerIds) {
    if (!settling.confirmed.compareAndSet(false, true)) {
      return;
    }
    String ids = String.join(",", providerIds);
    Future<Long> sent = streams.sent(partition, streamId, entry, ids, entry.attempts() > 0);
    context.runOnContext(v -> {
      if (settling.failed) {
        log.info("outbox p{} entry {}: sent after its delivery had timed out; its retry will not send it again",
            partition, entry.id());
      }
      remember(entry.id(), ids);
      sent.onComplete(done -> context.runOnContext(x -> {
        settled(entry.id(), done);
        settling.settled.handle(done);
      }));
    });
  }

  /**
   * Settles an entry this instance knows it sent, read again: {@code sent.lua} (ack if pending, else the sent
   * marker). On this context.
   */
  private Future<Long> settleSent(String streamId, OutboxEntry entry, String providerIds) {
    remember(entry.id(), providerIds);
    return streams.sent(partition, streamId, entry, providerIds, true)
        .andThen(done -> settled(entry.id(), done));
  }

  /** Until its settling reached Redis, an entry id is kept as unsettled (and afterwards among the recent ones). */
  private void remember(String entryId, String providerIds) {
    confirmed.confirmed(entryId, providerIds);
  }

  private void settled(String entryId, io.vertx.core.AsyncResult<Long> done) {
    if (done.succeeded()) {
      confirmed.settled(entryId);
      counters.delivered(done.result());
    }
  }

  private Future<Long> failed(String streamId, OutboxEntry entry, Throwable cause) {
    DeliveryException known = cause instanceof DeliveryException d ? d : null;
    if (known != null && known.isDeferred()) {
      log.info("outbox p{} entry {} deferred {} ms: {}", partition, entry.id(), known.retryAfter().toMillis(), reasonOf(cause));
      return streams.retry(partition, streamId, entry, known.retryAfter()).onSuccess(counters::retried);
    }
    // a timeout, or an answer that never came: the provider may have the message, and the retry asks it first
    OutboxEntry next = entry.retried().unsure(known == null || known.outcomeUnknown());
    String reason = reasonOf(cause);
    boolean mustArrive = entry.kind().mustArrive();
    if (mustArrive && entry.giveUpAt() > 0 && System.currentTimeMillis() >= entry.giveUpAt()) {
      log.warn("outbox p{} entry {} ({}) undelivered until its deadline after {} attempts: dead-lettered, shown as failed",
          partition, entry.id(), entry.kind(), next.attempts());
      return streams.deadLetter(partition, streamId, next, "undelivered until its deadline: " + reason)
          .onSuccess(counters::deadLettered);
    }
    if (mustArrive && (known == null || !known.permanent())) {
      // An alert (a revocation above all) or a recipient's notice is retried until answered 2xx, however
      // long the webhook is down: dead-lettering it would leave the sharing going on.
      Duration delay = backoff.delay(Math.min(entry.attempts(), 30), known == null ? null : known.retryAfter());
      if (next.attempts() >= options.maxAttempts()) {
        log.warn("outbox p{} entry {} ({}) still undelivered after {} attempts: {}; retry in {} ms",
            partition, entry.id(), entry.kind(), next.attempts(), reason, delay.toMillis());
      }
      return streams.retry(partition, streamId, next, delay).onSuccess(counters::retried);
    }
    if ((known != null && known.permanent()) || next.attempts() >= options.maxAttempts()) {
      log.warn("outbox p{} entry {} dead-lettered after {} attempt(s): {}",
          partition, entry.id(), next.attempts(), reason);
      return streams.deadLetter(partition, streamId, next, reason).onSuccess(counters::deadLettered);
    }
    Duration delay = backoff.delay(entry.attempts(), known == null ? null : known.retryAfter());
    log.info("outbox p{} entry {} attempt {} failed ({}), retry in {} ms",
        partition, entry.id(), next.attempts(), reason, delay.toMillis());
    return streams.retry(partition, streamId, next, delay).onSuccess(counters::retried);
  }

  /** A short reason without message content: our own DeliveryException text, else the failure's type. */
  static String reasonOf(Throwable cause) {
    if (cause instanceof DeliveryException) {
      String message = String.valueOf(cause.getMessage());
      return message.length() > 200 ? message.substring(0, 200) : message;
    }
    if (cause instanceof TimeoutException) {
      return "delivery timed out";
    }
    return cause.getClass().getSimpleName();
  }
}
