package org.voz.service.jobs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verticle that runs {@link #run} every {@code interval}, the first time {@code firstDelay} after its start. A pass
 * slower than the interval is not overlapped by the next one. Several instances may run the same job:
 * each pass must be safe to run concurrently (the jobs commit through version-checked writes).
 */
public abstract class PeriodicJob extends VerticleBase {

  private final Duration interval;
  private final Duration firstDelay;
  private long timer = -1;
  private boolean running;

  public PeriodicJob(Duration interval, Duration firstDelay) {
    this.interval = interval;
    this.firstDelay = firstDelay;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(Math.max(1, firstDelay.toMillis()), interval.toMillis(), t -> {
      if (!running) {
        running = true;
        run().onComplete(done -> running = false);
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** One pass; completes with how many things it handled. */
  public abstract Future<Integer> run();

  /**
   * One pass over the survivors {@code due}: {@code each} in turn, a failure of one logged (ids only) and
   * counted 0 so that the others still run; the total logged when not zero. {@code what} names the work.
   */
  final Future<Integer> pass(String what, Future<List<String>> due, Function<String, Future<Integer>> each) {
    Logger log = LoggerFactory.getLogger(getClass());
    return due
        .compose(ids -> oneByOne(ids, id -> each.apply(id).recover(e -> {
          log.warn("{} failed survivor={} error={}", what, id, e.getClass().getSimpleName());
          return Future.succeededFuture(0);
        })))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("{} count={}", what, n);
          }
        })
        .onFailure(e -> log.warn("{} pass failed: {}", what, e.getClass().getSimpleName()));
  }

  /** Runs {@code each} over {@code ids} one after the other; completes with the sum of their counts. */
  public static <T> Future<Integer> oneByOne(List<T> ids, Function<T, Future<Integer>> each) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (T id : ids) {
      chain = chain.compose(n -> each.apply(id).map(k -> n + k));
    }
    return chain;
  }

  /**
   * Runs {@code each} over {@code ids} with up to {@code inFlight} at once (each next one starts when one
   * completes); completes with the sum of their counts, or fails with the first failure once every lane has
   * stopped (a failed lane takes no more ids). No future chains are nested, so any number of ids is fine.
   */
  public static Future<Integer> inParallel(List<String> ids, int inFlight, Function<String, Future<Integer>> each) {
    return inParallel(ids, inFlight, List.of(), each);
  }

  /**
   * As {@link #inParallel(List, int, Function)}, the lanes spread over {@code loops} (lane k starts on
   * {@code loops[k mod n]}, and goes on where its futures complete: on that context); none: where it is called.
   * {@code each} must then be safe from several threads. Completes on whichever context finishes last.
   */
  public static Future<Integer> inParallel(List<String> ids, int inFlight, List<Context> loops,
      Function<String, Future<Integer>> each) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger sum = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(inFlight, ids.size()); lane++) {
      Promise<Void> done = Promise.promise();
      if (loops.isEmpty()) {
        lane(ids, next, sum, each, done);
      } else {
        loops.get(lane % loops.size()).runOnContext(v -> lane(ids, next, sum, each, done));
      }
      lanes.add(done.future());
    }
    return Future.join(lanes).map(all -> sum.get());
  }

  /**
   * Up to {@code n} event loops to spread work over, each on its own thread: this verticle's, and those of
   * child verticles that do nothing but lend theirs (undeployed with this one). Vert.x hands out event loops
   * in turn, so a child can land on a thread already held: it is given back and another one tried, a few
   * times at most (fewer loops, never two on one thread). Call it from this verticle's own context.
   */
  protected final Future<List<Context>> borrowEventLoops(int n) {
    Map<Thread, Context> held = new LinkedHashMap<>();
    held.put(Thread.currentThread(), context);
    return borrowMore(held, n, 4 * n).map(v -> List.copyOf(held.values()));
  }

  private Future<Void> borrowMore(Map<Thread, Context> held, int n, int attempts) {
    if (held.size() >= n || attempts <= 0) {
      return Future.succeededFuture();
    }
    Thread[] thread = new Thread[1];
    Context[] lent = new Context[1];
    return vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        thread[0] = Thread.currentThread();
        lent[0] = context;
        return Future.succeededFuture();
      }
    }).compose(id -> {
      if (held.containsKey(thread[0])) {
        return vertx.undeploy(id).compose(v -> borrowMore(held, n, attempts - 1));
      }
      held.put(thread[0], lent[0]);
      return borrowMore(held, n, attempts - 1);
    });
  }

  /** Takes ids until none is left; one that completes at once is followed in a loop, not by recursion. */
  private static void lane(List<String> ids, AtomicInteger next, AtomicInteger sum,
      Function<String, Future<Integer>> each, Promise<Void> done) {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= ids.size()) {
        done.complete();
        return;
      }
      Future<Integer> one = each.apply(ids.get(i));
      if (!one.isComplete()) {
        one.onComplete(r -> {
          if (r.failed()) {
            done.fail(r.cause());
          } else {
            sum.addAndGet(r.result());
            lane(ids, next, sum, each, done);
          }
        });
        return;
      }
      if (one.failed()) {
        done.fail(one.cause());
        return;
      }
      sum.addAndGet(one.result());
    }
  }
}
