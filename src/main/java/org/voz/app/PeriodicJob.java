package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A verticle that runs {@link #run} every {@code interval}, the first time {@code firstDelay} after its start. A pass
 * slower than the interval is not overlapped by the next one. Several instances may run the same job:
 * each pass must be safe to run concurrently (the jobs commit through version-checked writes).
 */
abstract class PeriodicJob extends VerticleBase {

  private final Duration interval;
  private final Duration firstDelay;
  private long timer = -1;
  private boolean running;

  PeriodicJob(Duration interval, Duration firstDelay) {
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

  /** Runs {@code each} over {@code ids} one after the other; completes with the sum of their counts. */
  static Future<Integer> oneByOne(List<String> ids, Function<String, Future<Integer>> each) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (String id : ids) {
      chain = chain.compose(n -> each.apply(id).map(k -> n + k));
    }
    return chain;
  }
}
