package org.voz.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Telegram side of the bench: the updates Telegram would POST to {@code /webhooks/telegram}, and the
 * stand-in for the Bot API ({@code POST /bot<token>/<method>}) that the service calls at
 * {@code TELEGRAM_API_BASE}. Chat ids are {@link #CHAT_BASE} + the survivor's index, so they never look like
 * the SMS survivors' phone numbers (which start with {@code +}).
 */
final class Telegram {

  static final String PATH = "/webhooks/telegram";
  static final String BOT_TOKEN = "7000000001:bench-bot-token_0123456789abcdefghij";
  static final String SECRET = "bench-telegram-webhook-secret_0123456789";
  static final long CHAT_BASE = 6_000_000_000L;
  private static final String BOT_PREFIX = "/bot" + BOT_TOKEN + "/";

  /** Counters of the Bot API stub. */
  static final AtomicLong SENT = new AtomicLong();
  static final AtomicLong DELETES = new AtomicLong();
  static final AtomicLong OTHER_CALLS = new AtomicLong();

  private Telegram() {}

  /** Whether survivor {@code index} of the bench is on Telegram: a {@code share} of them, spread evenly. */
  static boolean chosen(int index, double share) {
    return Math.floor((index + 1) * share) > Math.floor(index * share);
  }

  static String chatOf(int index) {
    return Long.toString(CHAT_BASE + index);
  }

  /** One Update per message, as Telegram sends it: unique update_id and message_id, a private chat. */
  static final class Updates {
    /** Telegram's update_id fits in 31 bits (the client's model reads it as an int). */
    private long updateId = ThreadLocalRandom.current().nextLong(1, 1L << 30);
    private long messageId;

    Buffer message(String chat, String text) {
      long id = Long.parseLong(chat);
      JsonObject person = new JsonObject().put("id", id).put("is_bot", false).put("first_name", "Bench").put("language_code", "en");
      JsonObject message = new JsonObject().put("message_id", ++messageId).put("from", person)
          .put("chat", new JsonObject().put("id", id).put("first_name", "Bench").put("type", "private"))
          .put("date", System.currentTimeMillis() / 1000).put("text", text);
      if (text.startsWith("/start")) {
        message.put("entities", new io.vertx.core.json.JsonArray().add(new JsonObject().put("offset", 0).put("length", 6).put("type", "bot_command")));
      }
      return new JsonObject().put("update_id", ++updateId).put("message", message).toBuffer();
    }
  }

  /** Whether the stub should take {@code path} as a Bot API call. */
  static boolean isBotApi(String path) {
    return path.startsWith("/bot");
  }

  /**
   * The Bot API, answered at once with what Telegram answers: {@code sendMessage} a {@code Message}
   * (message_id, chat, date; the reply's arrival time and chat id + text handed to the driver),
   * {@code deleteMessages} / {@code answerCallbackQuery} / {@code setWebhook} {@code true}, {@code getMe}
   * the bot; any other method 404 as Telegram answers an unknown one (counted, so it shows in the table).
   */
  static void stub(HttpServerRequest req, Driver driver) {
    String method = req.path().startsWith(BOT_PREFIX) ? req.path().substring(BOT_PREFIX.length()) : "";
    req.body().onSuccess(body -> {
      long arrival = System.nanoTime();
      switch (method) {
        case "sendMessage" -> {
          JsonObject call = new JsonObject(body);
          String chat = String.valueOf(call.getValue("chat_id"));
          String text = call.getString("text");
          long n = SENT.incrementAndGet();
          ok(req, new JsonObject().put("message_id", n)
              .put("from", new JsonObject().put("id", 7000000001L).put("is_bot", true).put("first_name", "Voz").put("username", "VozBot"))
              .put("chat", new JsonObject().put("id", Long.parseLong(chat)).put("first_name", "Bench").put("type", "private"))
              .put("date", System.currentTimeMillis() / 1000));
          driver.context().runOnContext(x -> driver.onReply(chat, text, arrival));
        }
        case "deleteMessages" -> {
          DELETES.incrementAndGet();
          ok(req, true);
        }
        case "answerCallbackQuery", "setWebhook", "deleteWebhook" -> {
          OTHER_CALLS.incrementAndGet();
          ok(req, true);
        }
        case "getMe" -> {
          OTHER_CALLS.incrementAndGet();
          ok(req, new JsonObject().put("id", 7000000001L).put("is_bot", true).put("first_name", "Voz").put("username", "VozBot"));
        }
        default -> {
          OTHER_CALLS.incrementAndGet();
          req.response().setStatusCode(404).putHeader("Content-Type", "application/json")
              .end("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        }
      }
    });
  }

  private static void ok(HttpServerRequest req, Object result) {
    req.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("ok", true).put("result", result).toBuffer());
  }
}
