package org.voz.channel.telegram;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.jobs.PeriodicJob;
import org.voz.store.ShownMessages;

/**
 * Every {@code interval}, deletes the sensitive Telegram messages of chats quiet for longer than their survivor's
 * idle timeout (five minutes at high risk by default, else the conversation's): conversations that ended at an end
 * step (left to read until then), timed out, or were simply abandoned, which the engine would only notice at the
 * survivor's next message. Only a chat quiet for the shortest idle timeout has its survivor's own looked up. Several
 * instances may sweep the same chat; a message deleted twice is "not found" the second time, which is fine.
 */
public final class ShownSweep extends PeriodicJob {

  private static final Logger LOG = LoggerFactory.getLogger(ShownSweep.class);

  private final ShownMessages shown;
  private final Function<String, Future<Integer>> forget;
  private final Clock clock;
  private final Duration shortestIdle;
  private final Function<String, Future<Duration>> idleOf;

  /**
   * @param forget       deletes a survivor's recorded messages; completes with how many it asked to delete
   * @param shortestIdle no survivor's idle timeout is shorter
   * @param idleOf       a survivor's idle timeout
   */
  public ShownSweep(ShownMessages shown, Function<String, Future<Integer>> forget, Clock clock, Duration shortestIdle,
      Function<String, Future<Duration>> idleOf, Duration interval) {
    super(interval, interval);
    this.shown = shown;
    this.forget = forget;
    this.clock = clock;
    this.shortestIdle = shortestIdle;
    this.idleOf = idleOf;
  }

  /** One pass; completes with how many messages it asked Telegram to delete. */
  @Override
  public Future<Integer> run() {
    Instant now = clock.instant();
    return shown.quietSince(now.minus(shortestIdle))
        .compose(quiet -> oneByOne(quiet, chat -> idleOf.apply(chat.survivorId())
            .compose(idle -> chat.since().isAfter(now.minus(idle)) ? Future.succeededFuture(0)
                : forget.apply(chat.survivorId()))
            .recover(e -> {
              LOG.info("sensitive messages not deleted yet survivor={}", chat.survivorId(), e);
              return Future.succeededFuture(0);
            })))
        .onFailure(e -> LOG.warn("sensitive message sweep failed: {}", e.getClass().getSimpleName()));
  }
}
