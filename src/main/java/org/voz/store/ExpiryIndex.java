package org.voz.store;

import io.lettuce.core.Range;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which survivors have a consent that runs out when: per partition, a sorted set of survivor ids scored
 * by the earliest {@code until} (epoch day) among their granted and pending consents. The expiry job
 * reads the due ones; whoever changes a record re-indexes it.
 */
public final class ExpiryIndex {

  private final Redis redis;
  private final Keys keys;

  public ExpiryIndex(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Indexes {@code survivorId} at its earliest {@code until}, or removes it when nothing can expire. */
  public Future<Void> index(String survivorId, LocalDate earliest) {
    String key = key(keys.partitionOf(survivorId));
    return earliest == null
        ? redis.future(redis.commands().zrem(key, survivorId)).mapEmpty()
        : redis.future(redis.commands().zadd(key, (double) earliest.toEpochDay(), survivorId)).mapEmpty();
  }

  /** Survivors with a consent whose {@code until} is before {@code today}, over every partition. */
  public Future<List<String>> due(LocalDate today) {
    List<Future<List<String>>> reads = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().zrangebyscore(key(p),
          Range.create(Double.NEGATIVE_INFINITY, (double) today.toEpochDay() - 1))));
    }
    return Future.all(reads).map(done -> reads.stream().flatMap(f -> f.result().stream()).toList());
  }

  private String key(int p) {
    return keys.inPartition(p, "expiry");
  }
}
