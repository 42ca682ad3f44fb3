package org.voz.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What Voz takes from one Telegram Update (the Bot API's JSON): a message or a
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

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The provider id the commit dedupes on: the same update delivered twice changes nothing. */
  public String providerId() {
    return "telegram:" + updateId;
  }

  /**
   * Parses one webhook body; {@link MalformedUpdate} when it is not an Update with an {@code update_id}. Read as
   * a JSON tree for the few fields of the Update that Voz uses: Telegram Bots' {@code Update} model, with its
   * builders and polymorphic messages, costs 1.75-1.86 times as much per update (measured again for issue 15,
   * BENCHMARKS.md), where what Voz sends is the library's method objects, which cost no more than JSON built by hand.
   */
  public static TelegramUpdate parse(byte[] body) {
    JsonNode update;
    try {
      update = MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new MalformedUpdate("the body is not a Telegram Update");
    }
    if (update == null || !update.isObject()) {
      throw new MalformedUpdate("the body is not a Telegram Update");
    }
    JsonNode updateId = update.get("update_id");
    if (updateId == null || !(updateId.isIntegralNumber() && updateId.canConvertToLong())) {
      throw new MalformedUpdate("update_id is required");
    }
    long id = updateId.asLong();
    JsonNode message = object(update, "message");
    if (message != null && isPrivate(object(message, "chat"))) {
      return fromMessage(id, message);
    }
    JsonNode query = object(update, "callback_query");
    JsonNode shown = query == null ? null : object(query, "message");
    if (shown != null && isPrivate(object(shown, "chat"))) {
      return fromCallback(id, query, shown);
    }
    return new TelegramUpdate(id, Kind.IGNORED, null, "", false, null, null);
  }

  private static TelegramUpdate fromMessage(long id, JsonNode message) {
    String chatId = message.get("chat").get("id").asText();
    String messageId = integral(message.get("message_id"));
    String text = text(message, "text");
    if (text != null) {
      return new TelegramUpdate(id, Kind.MESSAGE, chatId, text, false, null, messageId);
    }
    String caption = text(message, "caption");
    return new TelegramUpdate(id, Kind.MESSAGE, chatId, caption == null ? "" : caption, true, null, messageId);
  }

  private static TelegramUpdate fromCallback(long id, JsonNode query, JsonNode shown) {
    String data = text(query, "data");
    return new TelegramUpdate(id, Kind.CALLBACK, shown.get("chat").get("id").asText(), data == null ? "" : data, false,
        text(query, "id"), null);
  }

  private static boolean isPrivate(JsonNode chat) {
    return chat != null && integral(chat.get("id")) != null && "private".equals(text(chat, "type"));
  }

  /** {@code parent.name}, an object, or {@code null} when absent or JSON null; any other value is malformed. */
  private static JsonNode object(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new MalformedUpdate(name + " is not an object");
    }
    return node;
  }

  /** {@code parent.name} when it is a string, else {@code null}. */
  private static String text(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && node.isTextual() ? node.asText() : null;
  }

  /** A whole number's digits, else {@code null}. */
  private static String integral(JsonNode node) {
    return node != null && node.isIntegralNumber() ? node.asText() : null;
  }

  /** A body that is not a Telegram Update: answered 400. */
  public static final class MalformedUpdate extends RuntimeException {
    public MalformedUpdate(String message) {
      super(message, null, false, false);
    }
  }
}
