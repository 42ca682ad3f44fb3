package org.voz.app;

import org.voz.service.jobs.PeriodicJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PeriodicJob.inParallel: a bounded number in flight, each one once, the counts summed")
class InParallelTest {

  @Test
  @DisplayName("40 ids, 16 in flight: 16 start at once, each completion starts the next, every id once, the sum")
  void boundedConcurrency() {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> "s" + i).toList();
    List<String> started = new ArrayList<>();
    List<Promise<Integer>> pending = new ArrayList<>();
    Future<Integer> all = PeriodicJob.inParallel(ids, 16, id -> {
      started.add(id);
      Promise<Integer> p = Promise.promise();
      pending.add(p);
      return p.future();
    });
    assertThat(started).hasSize(16);
    int completed = 0;
    while (completed < pending.size()) {
      pending.get(completed).complete(completed % 2); // every second one counts 1
      completed++;
      assertThat(started).hasSize(Math.min(40, 16 + completed));
      assertThat(pending.size() - completed).as("in flight").isLessThanOrEqualTo(16);
    }
    assertThat(started).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(all.succeeded()).isTrue();
    assertThat(all.result()).isEqualTo(20);
  }

  @Test
  @DisplayName("fewer ids than lanes, and none")
  void fewOrNone() {
    assertThat(PeriodicJob.inParallel(List.of("a", "b"), 16, id -> Future.succeededFuture(1)).result()).isEqualTo(2);
    assertThat(PeriodicJob.inParallel(List.of(), 16, id -> Future.succeededFuture(1)).result()).isZero();
  }

  @Test
  @DisplayName("200,000 ids completing one after the other: no deep chain of futures (no stack overflow)")
  void manyIds() {
    List<String> ids = IntStream.range(0, 200_000).mapToObj(i -> "s" + i).toList();
    java.util.ArrayDeque<Promise<Integer>> pending = new java.util.ArrayDeque<>();
    Future<Integer> all = PeriodicJob.inParallel(ids, 16, id -> {
      Promise<Integer> p = Promise.promise();
      pending.add(p);
      return p.future();
    });
    while (!pending.isEmpty()) {
      pending.poll().complete(1);
    }
    assertThat(all.succeeded()).as(String.valueOf(all.cause())).isTrue();
    assertThat(all.result()).isEqualTo(200_000);
  }

  @Test
  @DisplayName("a failure stops its lane only; the pass fails once the others are done")
  void failure() {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> "s" + i).toList();
    List<String> started = new ArrayList<>();
    Future<Integer> all = PeriodicJob.inParallel(ids, 4, id -> {
      started.add(id);
      return id.equals("s1") ? Future.failedFuture(new IllegalStateException("boom")) : Future.succeededFuture(1);
    });
    assertThat(all.failed()).isTrue();
    assertThat(started).hasSize(40);
  }
  @Test
  @DisplayName("lanes spread over two event loops: every id once, on both loops, the sum")
  void overEventLoops() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      // a job borrows its event loops when deployed, as CampaignFanout does
      List<io.vertx.core.Context> loops = new ArrayList<>();
      PeriodicJob job = new PeriodicJob(java.time.Duration.ofHours(1), java.time.Duration.ofHours(1)) {
        @Override
        public Future<?> start() {
          return borrowEventLoops(2).onSuccess(loops::addAll);
        }

        @Override
        public Future<Integer> run() {
          return Future.succeededFuture(0);
        }
      };
      vertx.deployVerticle(job).toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(loops).hasSize(2);
      assertThat(loops.get(0)).isNotSameAs(loops.get(1));
      List<String> ids = IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList();
      java.util.Map<String, String> threadOf = new java.util.concurrent.ConcurrentHashMap<>();
      // the first id of each of the 4 lanes is held until all 4 have started: otherwise the lanes on one loop
      // can take every id before the other loop's lanes have run at all (a busy machine, trivial work)
      List<Runnable> firsts = new ArrayList<>();
      java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
      Future<Integer> all = PeriodicJob.inParallel(ids, 4, loops, id -> {
        threadOf.put(id, Thread.currentThread().getName());
        // completes later, on the context that asked (as Redis's futures do)
        io.vertx.core.Context here = io.vertx.core.Vertx.currentContext();
        Promise<Integer> p = Promise.promise();
        Runnable complete = () -> here.runOnContext(v -> p.complete(1));
        if (calls.incrementAndGet() > 4) {
          complete.run();
        } else {
          synchronized (firsts) {
            firsts.add(complete);
            if (firsts.size() == 4) {
              firsts.forEach(Runnable::run);
            }
          }
        }
        return p.future();
      });
      assertThat(all.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(threadOf.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(new java.util.HashSet<>(threadOf.values())).hasSize(2).allMatch(t -> t.startsWith("vert.x-eventloop-thread"));
    } finally {
      vertx.close();
    }
  }
}
