package org.voz.dispatch;

import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voz.store.Keys;
import org.voz.store.LuaScript;
import org.voz.store.OutboxEntry;
import org.voz.store.Undelivered;
import org.voz.store.Redis;

/**
 * The Redis side of the outbox: the consumer group, reads, claims, and the three ways an entry is settled
 * (delivered, retry later, dead letter), each one atomic script on the partition's slot. Non-blocking
 * commands only; futures complete on the caller's context.
 */
final class OutboxStreams {

  static final String GROUP = "dispatch";

  private static final LuaScript ACK = LuaScript.resource(OutboxStreams.class, "ack.lua");
  private static final LuaScript RETRY = LuaScript.resource(OutboxStreams.class, "retry.lua");
  private static final LuaScript DEAD = LuaScript.resource(OutboxStreams.class, "dead.lua");
  private static final LuaScript PROMOTE = LuaScript.resource(OutboxStreams.class, "promote.lua");
  private static final LuaScript SENT = LuaScript.resource(OutboxStreams.class, "sent.lua");
  private static final LuaScript SETTLE_SENT = LuaScript.resource(OutboxStreams.class, "settle-sent.lua");
  /**
   * How long a sent marker is kept: longer than any retry delay (backoffMax, a provider's Retry-After) and than an
   * instance's restart, after which nothing can bring the entry back.
   */
  static final Duration SENT_MARKER_TTL = Duration.ofDays(1);

  private final Redis redis;
  private final Keys keys;
  private final Consumer<String> consumer;
  private final DispatchOptions options;

  OutboxStreams(Redis redis, Keys keys, DispatchOptions options) {
    this.redis = redis;
    this.keys = keys;
    this.consumer = Consumer.from(GROUP, options.consumerName());
    this.options = options;
  }

  /** Creates the group at the stream's start (entries written before it are not missed); exists = fine. */
  Future<Void> createGroup(int p) {
    return redis.future(redis.commands().xgroupCreate(StreamOffset.from(keys.outbox(p), "0"), GROUP,
            XGroupCreateArgs.Builder.mkstream()))
        .<Void>mapEmpty()
        .recover(e -> String.valueOf(e.getMessage()).startsWith("BUSYGROUP")
            ? Future.succeededFuture()
            : Future.failedFuture(e));
  }

  /**
   * How long ago this consumer name last read partition {@code p}, or empty if the name is new there (XINFO
   * CONSUMERS: its {@code idle}).
   */
  Future<java.util.Optional<Duration>> lastSeen(int p) {
    return redis.future(redis.commands().xinfoConsumers(keys.outbox(p), GROUP)).map(consumers -> {
      for (Object consumer : consumers) {
        if (consumer instanceof List<?> fields) {
          Map<String, Object> info = new java.util.HashMap<>();
          for (int i = 0; i + 1 < fields.size(); i += 2) {
            info.put(String.valueOf(fields.get(i)), fields.get(i + 1));
          }
          if (options.consumerName().equals(String.valueOf(info.get("name"))) && info.get("idle") instanceof Long idle) {
            return java.util.Optional.of(Duration.ofMillis(idle));
          }
        }
      }
      return java.util.Optional.<Duration>empty();
    });
  }

  /** New entries for this consumer, at most {@code count}; never blocks. */
  Future<List<StreamMessage<String, String>>> readNew(int p, int count) {
    return redis.future(redis.commands().xreadgroup(consumer, XReadArgs.Builder.count(count),
            StreamOffset.lastConsumed(keys.outbox(p))))
        .map(messages -> messages == null ? List.of() : messages);
  }

  /**
   * This consumer's own pending entries after {@code after} (read and not settled: by this instance before a
   * Redis reconnection, or by the instance of the same name that ran before), oldest first, at most
   * {@code count}; an entry deleted from the stream meanwhile comes with no fields. Never blocks.
   */
  Future<List<StreamMessage<String, String>>> readPending(int p, String after, int count) {
    return redis.future(redis.commands().xreadgroup(consumer, XReadArgs.Builder.count(count),
            StreamOffset.from(keys.outbox(p), after)))
        .map(messages -> messages == null ? List.of() : messages);
  }

  /** How many times the Redis connection was lost since start: a read whose answer may have been lost is re-read. */
  long disconnects() {
    return redis.disconnects();
  }

  /** Takes over entries pending longer than claimIdle, scanning from {@code cursor}. */
  Future<ClaimedMessages<String, String>> claimStale(int p, String cursor) {
    return redis.future(redis.commands().xautoclaim(keys.outbox(p),
        XAutoClaimArgs.Builder.<String>xautoclaim(consumer, options.claimIdle(), cursor)
            .count(options.batchSize())));
  }

  /**
   * Whether an entry this consumer read {@code waited} ago is still its own, renewing its claim if so: XCLAIM
   * succeeds only if nobody touched the entry since (its idle time is at least {@code waited}), and resets
   * the idle time, so no other instance takes it over while it is delivered. False if another instance took
   * it over meanwhile, or it was settled.
   */
  Future<Boolean> stillOurs(int p, String streamId, Duration waited) {
    return redis.future(redis.commands().xclaim(keys.outbox(p), consumer,
            XClaimArgs.Builder.minIdleTime(waited), streamId))
        .map(claimed -> claimed != null && !claimed.isEmpty());
  }

  /** Moves due retries back into the stream; yields how many. */
  Future<Long> promoteDue(int p) {
    return PROMOTE.run(redis, ScriptOutputType.INTEGER,
        new String[] {keys.retry(p), keys.outbox(p), keys.dead(p)}, Integer.toString(options.batchSize()));
  }

  /** Delivered: XACK + XDEL. Yields 1 if this call settled it. */
  Future<Long> ack(int p, String streamId) {
    return ACK.run(redis, ScriptOutputType.INTEGER, new String[] {keys.outbox(p)}, GROUP, streamId);
  }

  /**
   * The provider confirmed the send of {@code entry} (stream id {@code streamId}): settled at once if it is still
   * pending (XACK + XDEL), else its sent marker is written, unless the survivor it is about was erased meanwhile
   * (nothing of theirs is left to retry). A message of a kind whose loss is flagged makes good the ones of its kind
   * given up on before ({@link org.voz.store.Undelivered}). {@code mayHaveMarker}: this copy is a retry's or one read
   * again, and a marker written for it goes with it (a first attempt's copy has none: no command spent on it).
   * Yields 1 if this call settled it.
   */
  Future<Long> sent(int p, String streamId, OutboxEntry entry, String providerIds, boolean mayHaveMarker) {
    String survivorId = entry.survivor();
    boolean about = survivorId != null && !survivorId.isEmpty() && keys.partitionOf(survivorId) == p;
    List<String> keyList = new ArrayList<>(List.of(keys.outbox(p), keys.sentMarker(p, entry.id())));
    if (about) {
      keyList.add(keys.session(p, survivorId));
      if (entry.kind().flaggedWhenLost()) {
        keyList.add(keys.undelivered(p, survivorId));
      }
    }
    return SENT.run(redis, ScriptOutputType.INTEGER, keyList.toArray(String[]::new),
        GROUP, streamId, providerIds.isEmpty() ? "sent" : providerIds, Long.toString(SENT_MARKER_TTL.toMillis()),
        mayHaveMarker ? "1" : "0", entry.kind().wire());
  }

  /** Settles an entry read again whose sent marker exists (XACK + XDEL); yields whether it had one. */
  Future<Boolean> settleIfSent(int p, String streamId, String entryId) {
    return SETTLE_SENT.<Long>run(redis, ScriptOutputType.INTEGER,
            new String[] {keys.outbox(p), keys.sentMarker(p, entryId)}, GROUP, streamId)
        .map(n -> n == 1L);
  }

  /** Failed for now: XACK + XDEL + ZADD into the retry schedule at Redis's now + delay. */
  Future<Long> retry(int p, String streamId, OutboxEntry next, Duration delay) {
    JsonArray pairs = new JsonArray();
    next.toFields().forEach((name, value) -> pairs.add(name).add(value));
    return RETRY.run(redis, ScriptOutputType.INTEGER, new String[] {keys.outbox(p), keys.retry(p)},
        GROUP, streamId, Long.toString(delay.toMillis()), pairs.encode());
  }

  /** Given up: XACK + XDEL + XADD to the dead letters, with the reason (an entry that could not be read). */
  Future<Long> deadLetter(int p, String streamId, Map<String, String> fields, String reason) {
    return deadLetter(p, streamId, fields, reason, new String[] {keys.outbox(p), keys.dead(p)}, "");
  }

  /**
   * Given up: XACK + XDEL + XADD to the dead letters, with the reason; for a kind whose loss is flagged, about a
   * survivor still enrolled, recorded as undelivered ({@link org.voz.store.Undelivered}).
   */
  Future<Long> deadLetter(int p, String streamId, OutboxEntry entry, String reason) {
    String survivorId = entry.survivor();
    String[] keyList = entry.kind().flaggedWhenLost() && survivorId != null && !survivorId.isEmpty()
        && keys.partitionOf(survivorId) == p
        ? new String[] {keys.outbox(p), keys.dead(p), keys.undelivered(p, survivorId), keys.session(p, survivorId)}
        : new String[] {keys.outbox(p), keys.dead(p)};
    return deadLetter(p, streamId, entry.toFields(), reason, keyList, entry.kind().wire());
  }

  private Future<Long> deadLetter(int p, String streamId, Map<String, String> fields, String reason, String[] keyList,
      String kind) {
    List<String> args = new ArrayList<>(List.of(GROUP, streamId, kind, Long.toString(Undelivered.KEPT.toMillis())));
    fields.forEach((name, value) -> {
      if (!name.equals("reason") && !name.equals("streamId") && value != null) {
        args.add(name);
        args.add(value);
      }
    });
    args.addAll(List.of("reason", reason, "streamId", streamId));
    return DEAD.run(redis, ScriptOutputType.INTEGER, keyList, args.toArray(String[]::new));
  }
}
