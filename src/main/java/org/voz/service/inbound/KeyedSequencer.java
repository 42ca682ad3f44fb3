package org.voz.service.inbound;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs tasks with the same key one after another, in the order they were submitted, and tasks with
 * different keys concurrently. Keeps one survivor's messages in arrival order within an instance; the
 * commit's version check keeps them safe across instances.
 */
final class KeyedSequencer {

  private final ConcurrentHashMap<String, Future<?>> tails = new ConcurrentHashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> task) {
    @SuppressWarnings("unchecked")
    Future<T>[] mine = new Future[1];
    tails.compute(
        key,
        (k, previous) -> {
          Future<?> before = previous == null ? Future.succeededFuture() : previous;
          mine[0] = before.transform(ignored -> task.get());
          return mine[0];
        });
    mine[0].onComplete(ar -> tails.remove(key, mine[0]));
    return mine[0];
  }
}
