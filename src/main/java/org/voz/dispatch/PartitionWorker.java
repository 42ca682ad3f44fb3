package org.voz.dispatch;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.store.OutboxEntry;

/**
 * Works one partition's outbox on the dispatcher's context, one step at a time, so that its entries are
 * delivered in order and never twice at once. Requests (read, sweep, claim) arriving while a step runs are
 * remembered and run right after it.
 */
final class PartitionWorker {

  private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
  private static final String FIRST = "0-0";

  private final int partition;
  private final Context context;
  private final OutboxStreams streams;
  private final Delivery delivery;
  private final DispatchOptions options;
  private final Backoff backoff;
  private final DispatchCounters counters;
  private final Set<String> inFlight = new HashSet<>();

  private boolean running;
  private boolean stopped;
  private boolean readWanted;
  private boolean promoteWanted;
  private boolean claimWanted;
  private String claimCursor = FIRST;

  PartitionWorker(int partition, Context context, OutboxStreams streams, Delivery delivery,
      DispatchOptions options, DispatchCounters counters) {
    this.partition = partition;
    this.context = context;
    this.streams = streams;
    this.delivery = delivery;
    this.options = options;
    this.backoff = new Backoff(options.backoffBase(), options.backoffMax());
    this.counters = counters;
  }

  /** Read new entries now (a commit just wrote some). */
  void read() {
    readWanted = true;
    next();
  }

  /** Promote due retries, then read. */
  void sweep() {
    promoteWanted = true;
    readWanted = true;
    next();
  }

  /** Take over entries a dead consumer left pending. */
  void claim() {
    claimWanted = true;
    next();
  }

  void stop() {
    stopped = true;
  }

  private void next() {
    if (running || stopped || !(readWanted || promoteWanted || claimWanted)) {
      return;
    }
    running = true;
    Future<Void> step = Future.succeededFuture();
    if (promoteWanted) {
      promoteWanted = false;
      step = step.compose(v -> streams.promoteDue(partition).mapEmpty());
    }
    if (claimWanted) {
      claimWanted = false;
      step = step.compose(v -> claimStale());
    }
    if (readWanted) {
      readWanted = false;
      step = step.compose(v -> readNew());
    }
    step.onComplete(done -> {
      running = false;
      if (done.failed()) {
        redisFailed(done.cause()); // the next sweep tries again
      } else {
        next();
      }
    });
  }

  private Future<Void> readNew() {
    return streams.readNew(partition).compose(messages -> {
      if (messages.size() >= options.batchSize()) {
        readWanted = true; // more may be waiting
      }
      return deliverInOrder(messages);
    });
  }

  private Future<Void> claimStale() {
    return streams.claimStale(partition, claimCursor).compose(claimed -> {
      claimCursor = claimed.getId() == null ? FIRST : claimed.getId();
      if (!FIRST.equals(claimCursor)) {
        claimWanted = true; // the scan is not finished
      }
      if (!claimed.getMessages().isEmpty()) {
        log.info("outbox p{}: took over {} stale entries", partition, claimed.getMessages().size());
      }
      return deliverInOrder(claimed.getMessages());
    });
  }

  private Future<Void> deliverInOrder(List<StreamMessage<String, String>> messages) {
    Future<Void> chain = Future.succeededFuture();
    for (StreamMessage<String, String> message : messages) {
      chain = chain.compose(v -> stopped ? Future.succeededFuture() : process(message));
    }
    return chain;
  }

  private Future<Void> process(StreamMessage<String, String> message) {
    String streamId = message.getId();
    if (message.getBody() == null || message.getBody().isEmpty()) {
      return streams.ack(partition, streamId).mapEmpty(); // deleted from the stream, still pending
    }
    if (!inFlight.add(streamId)) {
      return Future.succeededFuture();
    }
    Future<Long> settled;
    try {
      OutboxEntry entry = OutboxEntry.fromFields(message.getBody());
      settled = attempt(entry).transform(result -> result.succeeded()
          ? delivered(streamId, entry)
          : failed(streamId, entry, result.cause()));
    } catch (RuntimeException malformed) {
      log.warn("outbox p{} stream entry {}: malformed, dead-lettered", partition, streamId);
      settled = streams.deadLetter(partition, streamId, message.getBody(), "malformed outbox entry")
          .onSuccess(counters::deadLettered);
    }
    return settled.onComplete(done -> inFlight.remove(streamId)).mapEmpty();
  }

  /** Delivers on this context, whatever context the delivery completes on; a hang counts as a failure. */
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

  private Future<Long> delivered(String streamId, OutboxEntry entry) {
    return streams.ack(partition, streamId).onSuccess(counters::delivered);
  }

  private Future<Long> failed(String streamId, OutboxEntry entry, Throwable cause) {
    DeliveryException known = cause instanceof DeliveryException d ? d : null;
    OutboxEntry next = entry.retried();
    String reason = reasonOf(cause);
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

  private void redisFailed(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    if (message.startsWith("NOGROUP")) {
      streams.createGroup(partition); // the stream was deleted: recreate it and its group
    }
    if (counters.redisFailed()) {
      log.warn("outbox p{}: Redis failed ({}), trying again at the next sweep",
          partition, cause.getClass().getSimpleName());
    }
  }
}
