package org.voz.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a message about a survivor last went out, per kind of outbox entry ({@link OutboxEntry.Kind#wire}: a reply to
 * them, a note to their case manager about them): {@code voz:{p}:delivered:<survivorId>}, a hash kind → epoch ms on
 * Redis's clock (the clock of the dead letters it is compared with), expiring {@link #KEPT} after the last write.
 * A message given up on before the last delivery of its kind is no longer wrong ({@code InboxFlags}). Ids and
 * times only; erased with the survivor ({@link SurvivorEraser}), and never written again once they are (a delivery
 * that was under way at their erasure finds their record gone, in the same atomic script).
 */
public final class LastDelivered {

  /** How long a mark is kept: as long as an undelivered message is flagged. */
  public static final Duration KEPT = Duration.ofDays(14);

  /** KEYS[1] the marks, KEYS[2] the survivor's session hash: nothing is written once they are erased. */
  private static final LuaScript MARK = new LuaScript("delivered",
      "if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end "
          + "local t = redis.call('TIME') "
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
          + "redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f', now)) "
          + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1");

  private final Redis redis;
  private final Keys keys;

  public LastDelivered(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** A message of {@code kind} about {@code survivorId} went out now. */
  public Future<Void> mark(String survivorId, String kind) {
    return MARK.<Long>run(redis, ScriptOutputType.INTEGER,
        new String[] {key(survivorId), keys.session(keys.partitionOf(survivorId), survivorId)}, kind,
        Long.toString(KEPT.toMillis())).mapEmpty();
  }

  /** The last delivery of each kind about {@code survivorId} (none kept: empty). */
  public Future<Map<String, Instant>> of(String survivorId) {
    return redis.future(redis.commands().hgetall(key(survivorId))).map(fields -> {
      Map<String, Instant> last = new LinkedHashMap<>();
      fields.forEach((kind, ms) -> {
        try {
          last.put(kind, Instant.ofEpochMilli(Long.parseLong(ms)));
        } catch (NumberFormatException e) {
          // not a mark: ignored
        }
      });
      return last;
    });
  }

  private String key(String survivorId) {
    return keys.inPartition(keys.partitionOf(survivorId), "delivered", survivorId);
  }
}
