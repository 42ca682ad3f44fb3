package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.telegram.SensitiveMessages;
import org.voz.store.ShownMessages;

/**
 * Every {@code interval}, deletes the sensitive Telegram messages of chats quiet for longer than the idle
 * timeout: conversations that ended at an end step (left to read until then), timed out, or were simply
 * abandoned, which the engine would only notice at the survivor's next message. Several instances may sweep
 * the same chat; a message deleted twice is "not found" the second time, which is fine.
 */
public final class ShownSweep extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ShownSweep.class);

  private final ShownMessages shown;
  private final SensitiveMessages sensitive;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration interval;
  private long timer = -1;
  private boolean running;

  public ShownSweep(ShownMessages shown, SensitiveMessages sensitive, Clock clock, Duration idleTimeout,
      Duration interval) {
    this.shown = shown;
    this.sensitive = sensitive;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(interval.toMillis(), t -> {
      if (!running) { // a pass slower than the interval is not overlapped by the next one
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

  /** One pass; completes with how many messages it asked Telegram to delete. */
  public Future<Integer> run() {
    return shown.quietSince(clock.instant().minus(idleTimeout))
        .compose(ids -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (String id : ids) {
            chain = chain.compose(n -> sensitive.forget(id)
                .recover(e -> {
                  LOG.info("sensitive messages not deleted yet survivor={} ({})", id, e.getMessage());
                  return Future.succeededFuture(0);
                })
                .map(k -> n + k));
          }
          return chain;
        })
        .onFailure(e -> LOG.warn("sensitive message sweep failed: {}", e.getClass().getSimpleName()));
  }
}
