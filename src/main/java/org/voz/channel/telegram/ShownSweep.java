package org.voz.channel.telegram;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.jobs.PeriodicJob;
import org.voz.store.ShownMessages;

/**
 * Every {@code interval}, deletes the sensitive Telegram messages of chats quiet for longer than the idle
 * timeout: conversations that ended at an end step (left to read until then), timed out, or were simply
 * abandoned, which the engine would only notice at the survivor's next message. Several instances may sweep
 * the same chat; a message deleted twice is "not found" the second time, which is fine.
 */
public final class ShownSweep extends PeriodicJob {

  private static final Logger LOG = LoggerFactory.getLogger(ShownSweep.class);

  private final ShownMessages shown;
  private final SensitiveMessages sensitive;
  private final Clock clock;
  private final Duration idleTimeout;

  public ShownSweep(ShownMessages shown, SensitiveMessages sensitive, Clock clock, Duration idleTimeout,
      Duration interval) {
    super(interval, interval);
    this.shown = shown;
    this.sensitive = sensitive;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }



  /** One pass; completes with how many messages it asked Telegram to delete. */
  @Override
  public Future<Integer> run() {
    return shown.quietSince(clock.instant().minus(idleTimeout))
        .compose(ids -> oneByOne(ids, id -> sensitive.forget(id)
            .recover(e -> {
              LOG.info("sensitive messages not deleted yet survivor={}", id, e);
              return Future.succeededFuture(0);
            })))
        .onFailure(e -> LOG.warn("sensitive message sweep failed: {}", e.getClass().getSimpleName()));
  }
}
