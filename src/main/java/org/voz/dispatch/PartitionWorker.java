package org.voz.dispatch;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one partition's outbox on the dispatcher's context. Redis steps (read, sweep, claim) run one at a
 * time; requests arriving while one runs are remembered and run right after it. The entries a step brings are
 * delivered in parallel, up to {@link DispatchOptions#concurrency()} at once (a read asks for no more than
 * there is room for), except that the entries of one
 * {@linkplain #orderOf order} (everything about one survivor, or one destination) go one after another, in
 * stream order. While that many deliveries are under way, no more entries are read: the rest wait in the stream.
 */
final class PartitionWorker {

  private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
  private static final String FIRST = "0-0";

  private final int partition;
  private final OutboxStreams streams;
  private final EntryDelivery entries;
  private final DispatchOptions options;
  private final DispatchCounters counters;
  /** The last delivery queued in each order that still has one under way. */
  private final Map<String, Future<Void>> lastOfOrder = new HashMap<>();
  /**
   * Stream ids read and not yet settled, with when this instance last read or claimed each: a claim that brings
   * one again does not deliver it twice (it only renewed it).
   */
  private final Map<String, Long> scheduled = new HashMap<>();
  /** An entry that waited this long behind others of its order renews its claim before it is delivered. */
  private final Duration renewAfter;

  private int underWay;
  private boolean running;
  private boolean stopped;
  private boolean readWanted;
  private boolean promoteWanted;
  private boolean claimWanted;
  private String claimCursor = FIRST;
  /**
   * Where the re-read of this consumer's own pending entries has got to, or {@code null} when none is under way.
   * It starts at {@link #FIRST}: at start (what the instance of the same name had read and not settled when it
   * stopped) and after Redis failed or the connection came back (a read whose answer was lost). New entries are
   * read only once it is done, so each survivor's entries still go in stream order.
   */
  private String pendingCursor = FIRST;

  PartitionWorker(int partition, OutboxStreams streams, EntryDelivery entries, DispatchOptions options,
      DispatchCounters counters) {
    this.partition = partition;
    this.streams = streams;
    this.entries = entries;
    this.options = options;
    this.counters = counters;
    this.renewAfter = options.claimIdle().dividedBy(2);
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

  /** Read this consumer's own pending entries again, then new ones (the Redis connection came back). */
  void reread() {
    pendingCursor = FIRST;
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

  /**
   * Which entries must be delivered one after another: those about one survivor (replies, the case manager's
   * note, forgetting), else those of one kind to one destination (all alerts of the partition, one
   * recipient's notices, the parts of one reply to an address).
   */
  static String orderOf(StreamMessage<String, String> message) {
    Map<String, String> fields = message.getBody();
    if (fields == null || fields.isEmpty()) {
      return message.getId();
    }
    String survivor = fields.getOrDefault("survivor", "");
    return !survivor.isEmpty() ? survivor
        : fields.getOrDefault("kind", "") + '|' + fields.getOrDefault("channel", "") + '|' + fields.getOrDefault("to", "");
  }

  private void next() {
    if (running || stopped || !(readWanted || promoteWanted || claimWanted)
        || underWay >= options.concurrency()) {
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
    int room = Math.min(options.batchSize(), options.concurrency() - underWay);
    if (room <= 0) {
      readWanted = true; // a claim filled the room: read when deliveries finish
      return Future.succeededFuture();
    }
    long disconnects = streams.disconnects();
    if (pendingCursor != null) {
      return streams.readPending(partition, pendingCursor, room).map(messages -> {
        if (answerMayBeLost(disconnects)) {
          return null;
        }
        readWanted = true; // the rest of the pending entries, or the new ones
        pendingCursor = messages.size() < room ? null : messages.get(messages.size() - 1).getId();
        if (!messages.isEmpty()) {
          log.info("outbox p{}: read {} entries pending with this consumer again", partition, messages.size());
        }
        deliver(messages, true);
        return null;
      });
    }
    return streams.readNew(partition, room).map(messages -> {
      if (answerMayBeLost(disconnects)) {
        return null;
      }
      if (messages.size() >= room) {
        readWanted = true; // more may be waiting
      }
      deliver(messages, false);
      return null;
    });
  }

  /**
   * Whether the connection went down while a read was under way. Lettuce then writes the read again on the new
   * connection: the first one may have taken entries whose answer never came (pending with this consumer, known
   * to nobody), and this answer has the ones after them. Neither is delivered from here: the pending entries are
   * read again from the start, in stream order, those of this answer among them.
   */
  private boolean answerMayBeLost(long disconnectsBefore) {
    if (streams.disconnects() == disconnectsBefore) {
      return false;
    }
    pendingCursor = FIRST;
    readWanted = true;
    return true;
  }

  private Future<Void> claimStale() {
    long disconnects = streams.disconnects();
    return streams.claimStale(partition, claimCursor).map(claimed -> {
      if (answerMayBeLost(disconnects)) {
        claimWanted = true;
        return null; // what it took over is pending with this consumer now: the re-read brings it
      }
      claimCursor = claimed.getId() == null ? FIRST : claimed.getId();
      if (!FIRST.equals(claimCursor)) {
        claimWanted = true; // the scan is not finished
      }
      if (!claimed.getMessages().isEmpty()) {
        log.info("outbox p{}: took over {} stale entries", partition, claimed.getMessages().size());
      }
      deliver(claimed.getMessages(), true);
      return null;
    });
  }

  /** Starts each entry's delivery after the one before it in its order; does not wait for them. */
  private void deliver(List<StreamMessage<String, String>> messages, boolean again) {
    long readAt = System.nanoTime();
    for (StreamMessage<String, String> message : messages) {
      if (scheduled.put(message.getId(), readAt) != null) {
        continue; // already on its way here: our own claim brought it again (and renewed it)
      }
      String order = orderOf(message);
      Future<Void> before = lastOfOrder.get(order);
      Future<Void> delivered = before == null
          ? process(message, again)
          : before.transform(previous -> process(message, again)); // a Redis failure before leaves this one to go on
      lastOfOrder.put(order, delivered);
      underWay++;
      delivered.onComplete(done -> {
        underWay--;
        scheduled.remove(message.getId());
        lastOfOrder.remove(order, delivered);
        if (done.failed()) {
          redisFailed(done.cause()); // the entry stays pending: claimed again later
        }
        next();
      });
    }
  }

  /**
   * Delivers {@code message}. One that waited long behind others of its order could be taken over by another
   * instance (it looks abandoned after {@code claimIdle}): it first renews its claim, and is left to the other
   * instance if that one has it.
   */
  private Future<Void> process(StreamMessage<String, String> message, boolean again) {
    if (stopped) {
      return Future.succeededFuture();
    }
    long stamp = scheduled.get(message.getId());
    Duration waited = Duration.ofNanos(System.nanoTime() - stamp);
    if (waited.compareTo(renewAfter) < 0) {
      return entries.process(message, again);
    }
    return streams.stillOurs(partition, message.getId(), waited).compose(ours -> {
      // our own claim, sent before on the same connection, may have renewed it: then it is ours all the same
      if (!ours && scheduled.get(message.getId()) == stamp) {
        log.info("outbox p{} stream entry {}: taken over by another instance, left to it", partition, message.getId());
        return Future.succeededFuture();
      }
      return entries.process(message, again);
    });
  }

  private void redisFailed(Throwable cause) {
    pendingCursor = FIRST; // what was read and not settled meanwhile is read again once Redis answers
    if (String.valueOf(cause.getMessage()).startsWith("NOGROUP")) {
      streams.createGroup(partition); // the stream was deleted: recreate it and its group
    }
    if (counters.redisFailed()) {
      log.warn("outbox p{}: Redis failed ({}), trying again at the next sweep",
          partition, cause.getClass().getSimpleName());
    }
  }
}
