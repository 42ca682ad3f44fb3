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

  /** New entries for this consumer, at most {@code count}; never blocks. */
  Future<List<StreamMessage<String, String>>> readNew(int p, int count) {
    return redis.future(redis.commands().xreadgroup(consumer, XReadArgs.Builder.count(count),
            StreamOffset.lastConsumed(keys.outbox(p))))
        .map(messages -> messages == null ? List.of() : messages);
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

  /** Failed for now: XACK + XDEL + ZADD into the retry schedule at Redis's now + delay. */
  Future<Long> retry(int p, String streamId, OutboxEntry next, Duration delay) {
    JsonArray pairs = new JsonArray();
    next.toFields().forEach((name, value) -> pairs.add(name).add(value));
    return RETRY.run(redis, ScriptOutputType.INTEGER, new String[] {keys.outbox(p), keys.retry(p)},
        GROUP, streamId, Long.toString(delay.toMillis()), pairs.encode());
  }

  /** Given up: XACK + XDEL + XADD to the dead letters, with the reason. */
  Future<Long> deadLetter(int p, String streamId, Map<String, String> fields, String reason) {
    List<String> args = new ArrayList<>(List.of(GROUP, streamId));
    fields.forEach((name, value) -> {
      if (!name.equals("reason") && !name.equals("streamId") && value != null) {
        args.add(name);
        args.add(value);
      }
    });
    args.addAll(List.of("reason", reason, "streamId", streamId));
    return DEAD.run(redis, ScriptOutputType.INTEGER, new String[] {keys.outbox(p), keys.dead(p)},
        args.toArray(String[]::new));
  }
}
