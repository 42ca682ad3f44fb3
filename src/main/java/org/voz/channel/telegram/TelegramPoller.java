package org.voz.channel.telegram;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling for development without a public URL (telegram.mode: polling): {@code getUpdates} with a
 * timeout and an offset, each update handled by the webhook's own {@link TelegramWebhook#handle}, in order.
 * The offset moves past an update only once it is committed, so an update that failed (Redis down) comes
 * again at the next poll, after a pause that doubles up to 30 s. Non-blocking: one request in flight.
 * Telegram refuses getUpdates while a webhook is set (409): delete it first (deleteWebhook).
 */
public final class TelegramPoller extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramPoller.class);
  private static final JsonArray ALLOWED = new JsonArray().add("message").add("callback_query");
  private static final long MAX_PAUSE_MS = 30_000;
  /** How long Telegram holds a getUpdates open when there is nothing new. */
  public static final Duration POLL_TIMEOUT = Duration.ofSeconds(25);

  private final TelegramApi api;
  private final TelegramWebhook webhook;
  private final Duration pollTimeout;
  private long offset;
  private long pauseMs;
  private volatile boolean stopped;

  /** @param pollTimeout how long Telegram holds a getUpdates open when there is nothing new */
  public TelegramPoller(TelegramApi api, TelegramWebhook webhook, Duration pollTimeout) {
    this.api = api;
    this.webhook = webhook;
    this.pollTimeout = pollTimeout;
  }

  @Override
  public Future<?> start() {
    LOG.info("telegram long polling started (development mode)");
    poll();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  private void poll() {
    if (stopped) {
      return;
    }
    JsonObject request = new JsonObject().put("timeout", pollTimeout.toSeconds()).put("allowed_updates", ALLOWED);
    if (offset > 0) {
      request.put("offset", offset);
    }
    api.call("getUpdates", request, pollTimeout.toMillis() + 10_000)
        .compose(result -> handleAll(result instanceof JsonArray updates ? updates : new JsonArray()))
        .onSuccess(v -> {
          pauseMs = 0;
          poll();
        })
        .onFailure(this::pauseThenPoll);
  }

  /** Handles the updates one after the other, moving the offset past each one once it is handled. */
  private Future<Void> handleAll(JsonArray updates) {
    Future<Void> chain = Future.succeededFuture();
    for (Object item : updates) {
      if (!(item instanceof JsonObject json)) {
        continue;
      }
      chain = chain.compose(v -> handleOne(json));
    }
    return chain;
  }

  private Future<Void> handleOne(JsonObject json) {
    long id = json.getValue("update_id") instanceof Number n ? n.longValue() : -1L;
    TelegramUpdate update;
    try {
      update = TelegramUpdate.parse(json.toBuffer().getBytes());
    } catch (TelegramUpdate.MalformedUpdate e) {
      LOG.warn("telegram polling: skipped a malformed update", e);
      offset = Math.max(offset, id + 1);
      return Future.succeededFuture();
    }
    return webhook.handle(update).map(result -> {
      LOG.debug("telegram update_id={} kind={} result={} (polled)", update.updateId(), update.kind(), result);
      offset = Math.max(offset, update.updateId() + 1);
      return null;
    });
  }

  private void pauseThenPoll(Throwable failure) {
    pauseMs = Math.min(MAX_PAUSE_MS, pauseMs == 0 ? 500 : pauseMs * 2);
    LOG.warn("telegram polling failed, next poll in {} ms", pauseMs, failure);
    if (!stopped) {
      vertx.setTimer(pauseMs, id -> poll());
    }
  }
}
