package org.voz.store;

import io.lettuce.core.Range;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Survivors scheduled by when something of theirs falls due (a consent's end, a request's due-date alert):
 * per partition, a sorted set of survivor ids scored by that time. A periodic job reads the due ones;
 * whoever changes a record re-schedules it.
 */
final class DueIndex {

  private final Redis redis;
  private final Keys keys;
  private final String[] name;

  DueIndex(Redis redis, Keys keys, String... name) {
    this.redis = redis;
    this.keys = keys;
    this.name = name;
  }

  /** Schedules {@code survivorId} at {@code score}, or unschedules it when {@code score} is null. */
  Future<Void> schedule(String survivorId, Long score) {
    String key = key(keys.partitionOf(survivorId));
    return score == null
        ? redis.future(redis.commands().zrem(key, survivorId)).mapEmpty()
        : redis.future(redis.commands().zadd(key, (double) score, survivorId)).mapEmpty();
  }

  /** Survivors scheduled at or before {@code score}, over every partition. */
  Future<List<String>> dueAt(long score) {
    List<Future<List<String>>> reads = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().zrangebyscore(key(p), Range.create(Double.NEGATIVE_INFINITY, (double) score))));
    }
    return Future.all(reads).map(done -> reads.stream().flatMap(f -> f.result().stream()).toList());
  }

  private String key(int p) {
    return keys.inPartition(p, name);
  }
}
