package org.voz.channel.telegram;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.ChannelSender;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;

/**
 * Sends replies with the Bot API's {@code sendMessage}. The text already lists the choices as numbered
 * lines; they are offered as inline buttons as well, whose callback data is the choice number and nothing
 * else. 429 (with Telegram's {@code retry_after}) and 5xx are worth retrying; other 4xx are permanent (the
 * survivor blocked the bot, the chat is gone). Chat ids are personal: never logged.
 */
public final class TelegramSender implements ChannelSender {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramSender.class);
  /** Telegram's limit for one message's text. */
  static final int MAX_TEXT = 4096;
  /** Telegram's limit for a button's label is generous; long labels are cut to keep buttons readable. */
  static final int MAX_LABEL = 60;

  private final TelegramApi api;

  public TelegramSender(TelegramApi api) {
    this.api = api;
  }

  /** Completes with the sent message's message_id (to delete it later), or nothing if Telegram named none. */
  @Override
  public Future<List<String>> send(String chatId, OutboundText text) {
    return api.call("sendMessage", sendMessage(chatId, text))
        .onSuccess(result -> LOG.debug("telegram message sent message_id={}", messageId(result)))
        .recover(failure -> Future.failedFuture(classify(failure)))
        .map(result -> messageId(result) == null ? List.of() : List.of(String.valueOf(messageId(result))));
  }

  static JsonObject sendMessage(String chatId, OutboundText text) {
    String body = text.text().length() > MAX_TEXT ? text.text().substring(0, MAX_TEXT) : text.text();
    JsonObject message = new JsonObject().put("chat_id", chatId).put("text", body);
    if (!text.choices().isEmpty()) {
      message.put("reply_markup", new JsonObject().put("inline_keyboard", keyboard(text.choices())));
    }
    return message;
  }

  /** One button per row, labelled like the numbered line, with the number as callback data. */
  static JsonArray keyboard(List<String> choices) {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < choices.size(); i++) {
      String number = String.valueOf(i + 1);
      String label = number + ". " + choices.get(i);
      if (label.length() > MAX_LABEL) {
        label = label.substring(0, MAX_LABEL - 1) + "…";
      }
      rows.add(new JsonArray().add(new JsonObject().put("text", label).put("callback_data", number)));
    }
    return rows;
  }

  static DeliveryException classify(Throwable failure) {
    if (!(failure instanceof TelegramApi.Failure f)) {
      return DeliveryException.transientFailure("telegram send failed: " + failure.getClass().getSimpleName());
    }
    int status = f.status();
    if (status == 0 || status == 429 || status >= 500) {
      return new DeliveryException(f.getMessage(), false, f.retryAfter());
    }
    return DeliveryException.permanentFailure(f.getMessage());
  }

  private static Object messageId(Object result) {
    return result instanceof JsonObject json ? json.getValue("message_id") : null;
  }
}
