package org.voz.dispatch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
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
 * (and the partition's alerts) in order. The partitions are spread over lanes, one event loop each (as many
 * as there are cores). Any number of instances may run, each with its own consumer name, which stays the same
 * across restarts ({@code outbox.consumer}): at start, and whenever the Redis connection comes back, an instance
 * first reads again the entries pending with its name (read and not settled before it stopped, or before the
 * connection dropped), then new ones. An entry whose send a provider confirmed is settled at that moment, so
 * reading it again does not send it again; see {@link EntryDelivery}.
 */
public final class OutboxDispatcher extends VerticleBase {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutboxDispatcher.class);

  private final Redis redis;
  private final Keys keys;
  private final Delivery delivery;
  private final DispatchOptions options;
  private final int lanes;
  private final DispatchCounters counters = new DispatchCounters();
  /** Partition → its worker, and the context (event loop) of the lane it works on. */
  private volatile List<PartitionWorker> workers = List.of();
  private volatile List<Context> contexts = List.of();

  /** Spreads the partitions over as many lanes (event loops) as there are cores, at most one per partition. */
  public OutboxDispatcher(Redis redis, Keys keys, Delivery delivery, DispatchOptions options) {
    this(redis, keys, delivery, options, Runtime.getRuntime().availableProcessors());
  }

  /** @param lanes event loops the partitions are spread over (partition p works on lane p mod lanes) */
  public OutboxDispatcher(Redis redis, Keys keys, Delivery delivery, DispatchOptions options, int lanes) {
    this.redis = redis;
    this.keys = keys;
    this.delivery = delivery;
    this.options = options;
    this.lanes = Math.max(1, Math.min(lanes, keys.partitions()));
  }

  @Override
  public Future<?> start() {
    log.info("outbox: consumer {} in group {}", options.consumerName(), OutboxStreams.GROUP);
    OutboxStreams streams = new OutboxStreams(redis, keys, options);
    List<Future<Void>> groups = IntStream.range(0, keys.partitions()).mapToObj(streams::createGroup).toList();
    PartitionWorker[] all = new PartitionWorker[keys.partitions()];
    Context[] on = new Context[keys.partitions()];
    // each lane is a child verticle on its own event loop (undeployed with this one), so that the work of
    // delivering (opening entries, settling them) is spread over the cores rather than held on one
    return Future.all(groups)
        .compose(created -> warnIfNameInUse(streams))
        .compose(checked -> Future.all(IntStream.range(0, lanes)
            .mapToObj(lane -> vertx.deployVerticle(new Lane(lane, streams, all, on))).toList()))
        .onSuccess(deployed -> {
          contexts = List.of(on);
          workers = List.of(all);
        });
  }

  /**
   * Warns when this consumer name read the outbox moments ago: another live instance may have the same name (two
   * instances on one host with the same port and no {@code VOZ_INSTANCE_ID}, or a copied setting). An instance
   * that stopped takes longer than that to start again. Only a warning: nothing is refused on a guess.
   */
  private Future<Void> warnIfNameInUse(OutboxStreams streams) {
    Duration recent = Duration.ofMillis(Math.max(1500, options.sweepInterval().toMillis() * 3));
    return streams.lastSeen(0).map(seen -> {
      seen.filter(idle -> idle.compareTo(recent) < 0).ifPresent(idle -> log.warn(
          "outbox: consumer {} read the outbox {} ms ago: if another running instance has this name, give each "
              + "its own VOZ_INSTANCE_ID (each would send again what the other has under way)",
          options.consumerName(), idle.toMillis()));
      return (Void) null;
    }).otherwise((Void) null);
  }

  /** The partitions {@code p} with {@code p mod lanes == lane}, worked on this verticle's context. */
  private final class Lane extends VerticleBase {
    private final int lane;
    private final OutboxStreams streams;
    private final PartitionWorker[] all;
    private final Context[] on;
    private final List<PartitionWorker> mine = new ArrayList<>();
    private Runnable stopListening = () -> { };

    Lane(int lane, OutboxStreams streams, PartitionWorker[] all, Context[] on) {
      this.lane = lane;
      this.streams = streams;
      this.all = all;
      this.on = on;
    }

    @Override
    public Future<?> start() {
      for (int p = lane; p < keys.partitions(); p += lanes) {
        EntryDelivery entries = new EntryDelivery(p, context, streams, delivery, options, counters);
        PartitionWorker worker = new PartitionWorker(p, streams, entries, options, counters);
        mine.add(worker);
        all[p] = worker;
        on[p] = context;
      }
      vertx.setPeriodic(options.sweepInterval().toMillis(), id -> mine.forEach(PartitionWorker::sweep));
      long claimEvery = Math.max(options.sweepInterval().toMillis(), options.claimIdle().toMillis() / 2);
      vertx.setPeriodic(claimEvery, id -> mine.forEach(PartitionWorker::claim));
      // the first sweep reads this consumer's own pending entries first (each worker starts so), and so does the
      // first read after the Redis connection comes back
      Context lane = context;
      stopListening = redis.onReconnect(() -> lane.runOnContext(v -> mine.forEach(PartitionWorker::reread)));
      mine.forEach(PartitionWorker::sweep);
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      stopListening.run();
      mine.forEach(PartitionWorker::stop); // its timers go with the deployment
      return Future.succeededFuture();
    }
  }

  /** A commit just appended to {@code partition}'s outbox: read it now rather than at the next sweep. */
  public void poke(int partition) {
    List<PartitionWorker> current = workers;
    if (partition >= 0 && partition < current.size()) {
      contexts.get(partition).runOnContext(v -> current.get(partition).read());
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

  private static Future<Long> sum(List<Future<Long>> counts) {
    return Future.all(counts).map(all -> counts.stream().mapToLong(Future::result).sum());
  }
}
