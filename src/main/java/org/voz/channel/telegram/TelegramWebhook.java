package org.voz.channel.telegram;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.voz.contact.ChannelId;
import org.voz.service.inbound.InboundMessage;
import org.voz.service.inbound.InboundService;
import org.voz.store.Commit;
import org.voz.store.TelegramLinks;
import org.voz.web.ApiError;

/**
 * {@code POST /webhooks/telegram}: one {@code Update} as JSON. 403 without the configured
 * {@code X-Telegram-Bot-Api-Secret-Token} (all are refused when none is configured); 400 for a body that is
 * not an Update; 200 once the message is committed (dedupe on {@code telegram:<update_id>}), and at once for
 * updates Voz does not handle. {@code /start <code>} redeems an enrolment link first. The update is read as a
 * JSON tree ({@link TelegramUpdate}), not as Telegram Bots' {@code Update} model: the model cost several
 * times as much per update, measured on the hot path (BENCHMARKS.md); what Voz sends back (the callback's
 * answer here, replies in {@link TelegramSender}) is the library's method objects.
 */
public final class TelegramWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramWebhook.class);
  /** A deep-link payload: Telegram allows A-Z, a-z, 0-9, _ and -, up to 64 characters. */
  private static final Pattern START = Pattern.compile("^/start(?:@\\w+)?(?:\\s+([A-Za-z0-9_-]{1,64}))?\\s*$");
  private static final Pattern CHOICE = Pattern.compile("[0-9]{1,3}");
  /** What a linked chat sends on the survivor's behalf: back to the start, i.e. the PIN prompt. */
  static final String AFTER_START = "MENU";
  private static final int MAX_TEXT = 4096;

  private final byte[] secretDigest;
  private final InboundService inbound;
  private final TelegramLinks links;
  private final TelegramLinker linker;
  private final TelegramApi api;

  /** @param secret the webhook's secret_token; blank means no request can be trusted, so all are refused */
  public TelegramWebhook(String secret, InboundService inbound, TelegramLinks links, TelegramLinker linker, TelegramApi api) {
    this.secretDigest = secret == null || secret.isBlank() ? null : sha256(secret);
    this.inbound = inbound;
    this.links = links;
    this.linker = linker;
    this.api = api;
  }

  public void handleUpdate(RoutingContext ctx) {
    if (!authorized(ctx.request().getHeader("X-Telegram-Bot-Api-Secret-Token"))) {
      LOG.warn("telegram webhook refused: bad secret token");
      ApiError.send(ctx, 403, "forbidden", "invalid X-Telegram-Bot-Api-Secret-Token", null);
      return;
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    TelegramUpdate update;
    try {
      update = TelegramUpdate.parse(body == null ? new byte[0] : body.getBytes());
    } catch (TelegramUpdate.MalformedUpdate e) {
      ApiError.send(ctx, 400, "invalid_request", e.getMessage(), null);
      return;
    }
    handle(update)
        .onSuccess(result -> {
          LOG.debug("telegram update_id={} kind={} result={}", update.updateId(), update.kind(), result);
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{}");
        })
        .onFailure(ctx::fail);
  }

  /** Handles one update, from the webhook or from long polling; completes once it is committed (or ignored). */
  public Future<Object> handle(TelegramUpdate update) {
    return switch (update.kind()) {
      case IGNORED -> Future.succeededFuture("ignored");
      case CALLBACK -> choose(update);
      case MESSAGE -> {
        Matcher start = START.matcher(update.text());
        yield start.matches() && !update.media() ? start(update, start.group(1)) : receive(update, update.text());
      }
    };
  }

  /** A button press: the choice number, as if typed; the query is answered once the choice is committed. */
  private Future<Object> choose(TelegramUpdate update) {
    Future<Object> handled = CHOICE.matcher(update.text()).matches()
        ? receive(update, update.text())
        : Future.succeededFuture("ignored");
    return handled.onSuccess(r -> answerCallback(update.callbackId()));
  }

  /** {@code /start [code]}: a valid code links the chat first; then, linked or not, the chat starts over. */
  private Future<Object> start(TelegramUpdate update, String code) {
    Future<Boolean> linked = code == null
        ? Future.succeededFuture(false)
        : links.consume(code).compose(id -> id.isPresent() ? linker.link(id.get(), update.chatId()) : Future.succeededFuture(false));
    return linked.compose(ok -> receive(update, AFTER_START));
  }

  private Future<Object> receive(TelegramUpdate update, String text) {
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    return inbound.receive(new InboundMessage(ChannelId.TELEGRAM.value(), update.chatId(), cut, update.media(), update.providerId(),
        update.messageId()))
        .map(Commit.Result::name);
  }

  private void answerCallback(String callbackId) {
    if (callbackId == null) {
      return; // a query without an id: nothing to answer (the library would refuse it)
    }
    api.call(new AnswerCallbackQuery(callbackId))
        .onFailure(e -> LOG.info("telegram answerCallbackQuery failed", e));
  }

  private boolean authorized(String given) {
    return secretDigest != null && given != null && MessageDigest.isEqual(secretDigest, sha256(given));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
