package org.voz.dispatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * Reads the partitioned outbox streams with the consumer group {@code dispatch} and delivers each entry at
 * least once. A {@link #poke} reads one partition at once; a periodic sweep promotes due retries and reads
 * every partition; a slower periodic claim takes over entries a dead instance left pending. Partitions work
 * in parallel; in a partition, what is about different survivors goes in parallel too, each survivor's entries
 * (and the partition's alerts) in order. Any number of instances may run, each with its own consumer name.
 */
public final class OutboxDispatcher extends VerticleBase {

  private final Redis redis;
  private final Keys keys;
  private final Delivery delivery;
  private final DispatchOptions options;
  private final DispatchCounters counters = new DispatchCounters();
  private volatile List<PartitionWorker> workers = List.of();
  private long sweepTimer = -1;
  private long claimTimer = -1;

  public OutboxDispatcher(Redis redis, Keys keys, Delivery delivery, DispatchOptions options) {
    this.redis = redis;
    this.keys = keys;
    this.delivery = delivery;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    OutboxStreams streams = new OutboxStreams(redis, keys, options);
    List<Future<Void>> groups = new ArrayList<>();
    List<PartitionWorker> all = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      groups.add(streams.createGroup(p));
      EntryDelivery entries = new EntryDelivery(p, context, streams, delivery, options, counters);
      all.add(new PartitionWorker(p, streams, entries, options, counters));
    }
    return Future.all(groups).onSuccess(created -> {
      workers = List.copyOf(all);
      sweepTimer = vertx.setPeriodic(options.sweepInterval().toMillis(), id -> sweep());
      long claimEvery = Math.max(options.sweepInterval().toMillis(), options.claimIdle().toMillis() / 2);
      claimTimer = vertx.setPeriodic(claimEvery, id -> workers.forEach(PartitionWorker::claim));
      sweep();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(claimTimer);
    workers.forEach(PartitionWorker::stop);
    return Future.succeededFuture();
  }

  /** A commit just appended to {@code partition}'s outbox: read it now rather than at the next sweep. */
  public void poke(int partition) {
    List<PartitionWorker> current = workers;
    if (partition >= 0 && partition < current.size()) {
      context.runOnContext(v -> current.get(partition).read());
    }
  }

  /** Entries not yet delivered, over every partition: in the streams plus waiting for a retry. */
  public Future<Long> depth() {
    List<Future<Long>> counts = new ArrayList<>();
    IntStream.range(0, keys.partitions()).forEach(p -> {
      counts.add(redis.future(redis.commands().xlen(keys.outbox(p))));
      counts.add(redis.future(redis.commands().zcard(keys.retry(p))));
    });
    return sum(counts);
  }

  /** Dead letters kept, over every partition. */
  public Future<Long> deadLetters() {
    return sum(IntStream.range(0, keys.partitions())
        .mapToObj(p -> redis.future(redis.commands().xlen(keys.dead(p)))).toList());
  }

  /** Delivered, retried and dead-lettered counts since start, for metrics. */
  public DispatchCounters counters() {
    return counters;
  }

  public long delivered() {
    return counters.delivered();
  }

  public long retried() {
    return counters.retried();
  }

  public long deadLettered() {
    return counters.deadLettered();
  }

  private void sweep() {
    workers.forEach(PartitionWorker::sweep);
  }

  private static Future<Long> sum(List<Future<Long>> counts) {
    return Future.all(counts).map(all -> counts.stream().mapToLong(Future::result).sum());
  }
}
