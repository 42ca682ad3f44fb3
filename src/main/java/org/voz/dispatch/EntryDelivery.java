package org.voz.dispatch;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

  /** Delivers and settles {@code message}; fails only if Redis failed (the entry stays pending, claimed later). */
  Future<Void> process(StreamMessage<String, String> message) {
    String streamId = message.getId();
    if (message.getBody() == null || message.getBody().isEmpty()) {
      return streams.ack(partition, streamId).mapEmpty(); // deleted from the stream, still pending
    }
    Future<Long> settled;
    try {
      OutboxEntry entry = OutboxEntry.fromFields(message.getBody());
      settled = attempt(entry).transform(result -> result.succeeded()
          ? streams.ack(partition, streamId).onSuccess(counters::delivered)
          : failed(streamId, entry, result.cause()));
    } catch (RuntimeException malformed) {
      log.warn("outbox p{} stream entry {}: malformed, dead-lettered", partition, streamId);
      settled = streams.deadLetter(partition, streamId, message.getBody(), "malformed outbox entry")
          .onSuccess(counters::deadLettered);
    }
    return settled.mapEmpty();
  }

  /** Delivers, back on this context whatever context the delivery completes on; a hang counts as a failure. */
  private Future<Void> attempt(OutboxEntry entry) {
    Future<Void> attempt;
    try {
      attempt = delivery.deliver(entry);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return Future.fromCompletionStage(attempt.toCompletionStage(), context)
        .timeout(options.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private Future<Long> failed(String streamId, OutboxEntry entry, Throwable cause) {
    DeliveryException known = cause instanceof DeliveryException d ? d : null;
    if (known != null && known.isDeferred()) {
      log.info("outbox p{} entry {} deferred {} ms: {}", partition, entry.id(), known.retryAfter().toMillis(), reasonOf(cause));
      return streams.retry(partition, streamId, entry, known.retryAfter()).onSuccess(counters::retried);
    }
    OutboxEntry next = entry.retried();
    String reason = reasonOf(cause);
    boolean mustArrive = entry.kind().mustArrive();
    if (mustArrive && entry.giveUpAt() > 0 && System.currentTimeMillis() >= entry.giveUpAt()) {
      log.warn("outbox p{} entry {} ({}) undelivered until its deadline after {} attempts: dead-lettered, shown as failed",
          partition, entry.id(), entry.kind(), next.attempts());
      return streams.deadLetter(partition, streamId, next.toFields(), "undelivered until its deadline: " + reason)
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
      return streams.deadLetter(partition, streamId, next.toFields(), reason).onSuccess(counters::deadLettered);
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
