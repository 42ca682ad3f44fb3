package org.voz.channel.telegram;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.voz.channel.ChannelSender;
import org.voz.conversation.Choice;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;

/**
 * Sends replies with the Bot API's {@code sendMessage}: the text with its choices as numbered lines
 * ({@link OutboundText#asText()}), and a menu's choices as inline buttons as well, whose callback data is the
 * choice's key (its number) and nothing else. The request is Telegram Bots' {@link SendMessage} with an {@link InlineKeyboardMarkup}, validated by
 * the library before it is sent: one it refuses is a permanent failure, never retried. 429 (with Telegram's
 * {@code retry_after}) and 5xx are worth retrying; other 4xx are permanent (the survivor blocked the bot, the
 * chat is gone). Chat ids are personal: never logged.
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
    SendMessage request;
    try {
      request = sendMessage(chatId, text);
    } catch (NullPointerException e) { // the library's builders refuse a null chat id or text
      return Future.failedFuture(DeliveryException.permanentFailure("telegram sendMessage not built: " + e.getMessage()));
    }
    return api.call(request)
        .onSuccess(result -> LOG.debug("telegram message sent message_id={}", messageId(result)))
        .recover(failure -> Future.failedFuture(classify(failure)))
        .map(result -> messageId(result) == null ? List.of() : List.of(String.valueOf(messageId(result))));
  }

  static SendMessage sendMessage(String chatId, OutboundText text) {
    String all = text.asText();
    String body = all != null && all.length() > MAX_TEXT ? all.substring(0, MAX_TEXT) : all;
    SendMessage message = new SendMessage(chatId, body);
    if (!text.buttons().isEmpty()) {
      message.setReplyMarkup(keyboard(text.buttons()));
    }
    return message;
  }

  /** One button per row, labelled like the numbered line, with the choice's key as callback data. */
  static InlineKeyboardMarkup keyboard(List<Choice> choices) {
    InlineKeyboardRow[] rows = new InlineKeyboardRow[choices.size()];
    for (int i = 0; i < choices.size(); i++) {
      Choice choice = choices.get(i);
      String label = choice.key() + ". " + choice.label();
      if (label.length() > MAX_LABEL) {
        label = label.substring(0, MAX_LABEL - 1) + "…";
      }
      InlineKeyboardButton button = new InlineKeyboardButton(label);
      button.setCallbackData(choice.key());
      rows[i] = new InlineKeyboardRow(1);
      rows[i].add(button);
    }
    return new InlineKeyboardMarkup(List.of(rows));
  }

  static DeliveryException classify(Throwable failure) {
    if (failure instanceof TelegramApi.Invalid invalid) {
      return DeliveryException.permanentFailure(invalid.getMessage());
    }
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
