package org.voz.channel.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * What Voz takes from one Telegram {@link Update} (parsed with Telegram Bots' Jackson model): a message or a
 * button press in a private chat. Everything else (edits, groups, channels, inline queries…) is
 * {@link Kind#IGNORED}: a survivor conversation never runs where others can read it.
 *
 * @param chatId     the private chat's id (personal: never logged)
 * @param text       the text, the caption of a media message, or the callback data of a button
 * @param media      whether the message carried no text (a photo, voice note, sticker…)
 * @param callbackId the callback query's id, to answer it; {@code null} for messages
 * @param messageId  the survivor's message's message_id (to delete it with the answers it got); {@code null}
 *                   for button presses, which leave no message of the survivor's
 */
public record TelegramUpdate(long updateId, Kind kind, String chatId, String text, boolean media, String callbackId,
    String messageId) {

  public enum Kind { MESSAGE, CALLBACK, IGNORED }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The provider id the commit dedupes on: the same update delivered twice changes nothing. */
  public String providerId() {
    return "telegram:" + updateId;
  }

  /** Parses one webhook body; {@link MalformedUpdate} when it is not an Update with an {@code update_id}. */
  public static TelegramUpdate parse(byte[] body) {
    Update update;
    try {
      update = MAPPER.readValue(body, Update.class);
    } catch (IOException | RuntimeException e) {
      throw new MalformedUpdate("the body is not a Telegram Update");
    }
    if (update == null || update.getUpdateId() == null) {
      throw new MalformedUpdate("update_id is required");
    }
    long id = update.getUpdateId();
    if (update.hasMessage() && isPrivate(update.getMessage().getChat())) {
      return fromMessage(id, update.getMessage());
    }
    if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null
        && isPrivate(update.getCallbackQuery().getMessage().getChat())) {
      return fromCallback(id, update.getCallbackQuery());
    }
    return new TelegramUpdate(id, Kind.IGNORED, null, "", false, null, null);
  }

  private static TelegramUpdate fromMessage(long id, Message message) {
    String chatId = String.valueOf(message.getChat().getId());
    String messageId = message.getMessageId() == null ? null : String.valueOf(message.getMessageId());
    if (message.getText() != null) {
      return new TelegramUpdate(id, Kind.MESSAGE, chatId, message.getText(), false, null, messageId);
    }
    String caption = message.getCaption() == null ? "" : message.getCaption();
    return new TelegramUpdate(id, Kind.MESSAGE, chatId, caption, true, null, messageId);
  }

  private static TelegramUpdate fromCallback(long id, CallbackQuery query) {
    MaybeInaccessibleMessage message = query.getMessage();
    String data = query.getData() == null ? "" : query.getData();
    return new TelegramUpdate(id, Kind.CALLBACK, String.valueOf(message.getChat().getId()), data, false, query.getId(),
        null);
  }

  private static boolean isPrivate(Chat chat) {
    return chat != null && chat.getId() != null && "private".equals(chat.getType());
  }

  /** A body that is not a Telegram Update: answered 400. */
  public static final class MalformedUpdate extends RuntimeException {
    public MalformedUpdate(String message) {
      super(message, null, false, false);
    }
  }
}
