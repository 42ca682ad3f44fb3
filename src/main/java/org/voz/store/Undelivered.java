package org.voz.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages about a survivor that the outbox gave up on and that no later message of their kind has made good, per
 * {@link OutboxEntry.Kind#flaggedWhenLost() kind}: {@code voz:{p}:undelivered:<survivorId>}, a hash kind → the
 * time (epoch ms, Redis's clock: the dead letter's stream id) of the first one given up on since the last of that
 * kind went out.
 *
 * <p>Both writes ride on the outbox's own scripts, so the hot path pays one command per send and nothing else:
 * {@code dead.lua} sets the field (if absent) with the dead letter, and {@code sent.lua} deletes it when a message of
 * that kind is confirmed. Ids and times only; erased with the survivor ({@link SurvivorEraser}), and never written
 * again once they are ({@code dead.lua} looks for their record in the same atomic step; a delete creates nothing).
 */
public final class Undelivered {

  /** How long the hash is kept after the last message given up on: as long as one is flagged. */
  public static final Duration KEPT = Duration.ofDays(14);

  private final Redis redis;
  private final Keys keys;

  public Undelivered(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Per kind, since when messages about {@code survivorId} have been given up on with none delivered (none: empty). */
  public Future<Map<String, Instant>> of(String survivorId) {
    return redis.future(redis.commands().hgetall(keys.undelivered(keys.partitionOf(survivorId), survivorId)))
        .map(fields -> {
          Map<String, Instant> since = new LinkedHashMap<>();
          fields.forEach((kind, ms) -> {
            try {
              since.put(kind, Instant.ofEpochMilli(Long.parseLong(ms)));
            } catch (NumberFormatException e) {
              // not a time: ignored
            }
          });
          return since;
        });
  }
}
