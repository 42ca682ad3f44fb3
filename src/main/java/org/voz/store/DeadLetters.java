package org.voz.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox's dead letters as people need to see them: what could not be delivered, for whom, since when. Read
 * from the newest back, at most {@link #SCAN} per partition (dead letters are rare); ids and kinds only, never
 * the sealed body or address.
 *
 * @see AlertRepository#all() which marks the alerts among them as failed
 */
public final class DeadLetters {

  /** One undelivered entry: its kind ({@link OutboxEntry.Kind#wire}), channel, survivor (or empty), when given up. */
  public record DeadLetter(String entryId, String kind, String channel, String survivorId, Instant at) {}

  static final int SCAN = 1000;

  private final Redis redis;
  private final Keys keys;

  public DeadLetters(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** The dead letters given up since {@code since}, newest first within each partition. */
  public Future<List<DeadLetter>> since(Instant since) {
    List<Future<List<DeadLetter>>> reads = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().xrevrange(keys.dead(p),
              Range.create(Long.toString(since.toEpochMilli()), "+"), Limit.from(SCAN)))
          .map(messages -> messages.stream().map(m -> new DeadLetter(m.getBody().getOrDefault("id", ""),
              m.getBody().getOrDefault("kind", ""), m.getBody().getOrDefault("channel", ""),
              m.getBody().getOrDefault("survivor", ""), streamTime(m.getId()))).toList()));
    }
    return Future.all(reads).map(done -> reads.stream().flatMap(f -> f.result().stream()).toList());
  }

  private static Instant streamTime(String streamId) {
    int dash = streamId.indexOf('-');
    try {
      return Instant.ofEpochMilli(Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash)));
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }
}
