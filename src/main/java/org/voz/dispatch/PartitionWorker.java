package org.voz.dispatch;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one partition's outbox on the dispatcher's context, one step at a time, so that its entries are
 * delivered in order and never twice at once. Requests (read, sweep, claim) arriving while a step runs are
 * remembered and run right after it.
 */
final class PartitionWorker {

  private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
  private static final String FIRST = "0-0";

  private final int partition;
  private final OutboxStreams streams;
  private final EntryDelivery entries;
  private final DispatchOptions options;
  private final DispatchCounters counters;

  private boolean running;
  private boolean stopped;
  private boolean readWanted;
  private boolean promoteWanted;
  private boolean claimWanted;
  private String claimCursor = FIRST;

  PartitionWorker(int partition, OutboxStreams streams, EntryDelivery entries, DispatchOptions options,
      DispatchCounters counters) {
    this.partition = partition;
    this.streams = streams;
    this.entries = entries;
    this.options = options;
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
        redisFailed(done.cause()); // no retry loop: the next sweep tries again
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
      chain = chain.compose(v -> stopped ? Future.succeededFuture() : entries.process(message));
    }
    return chain;
  }

  private void redisFailed(Throwable cause) {
    if (String.valueOf(cause.getMessage()).startsWith("NOGROUP")) {
      streams.createGroup(partition); // the stream was deleted: recreate it and its group
    }
    if (counters.redisFailed()) {
      log.warn("outbox p{}: Redis failed ({}), trying again at the next sweep",
          partition, cause.getClass().getSimpleName());
    }
  }
}
