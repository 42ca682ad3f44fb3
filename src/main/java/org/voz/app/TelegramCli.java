package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramOptions;

/**
 * {@code voz telegram set-webhook}: registers {@code <VOZ_PUBLIC_URL>/webhooks/telegram} with the Bot API,
 * with the webhook secret and only the update kinds Voz handles. {@code voz telegram webhook-info} shows
 * what Telegram has. The bot token is never printed.
 */
final class TelegramCli {

  /** What Telegram accepts as a secret_token. */
  private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");
  static final JsonArray ALLOWED_UPDATES = new JsonArray().add("message").add("callback_query");

  private TelegramCli() {}

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    String command = args.length == 0 ? "" : args[0];
    if (!command.equals("set-webhook") && !command.equals("webhook-info")) {
      out.println("usage: voz telegram set-webhook | webhook-info");
      out.println("  set-webhook   register VOZ_PUBLIC_URL/webhooks/telegram with TELEGRAM_WEBHOOK_SECRET");
      out.println("  webhook-info  show the webhook Telegram has registered");
      return 2;
    }
    Config config = Config.load(env);
    TelegramOptions telegram = config.telegram();
    if (telegram.botToken().isBlank()) {
      out.println("voz telegram: TELEGRAM_BOT_TOKEN is not set");
      return 2;
    }
    JsonObject body = new JsonObject();
    String method = "getWebhookInfo";
    if (command.equals("set-webhook")) {
      if (!SECRET.matcher(telegram.webhookSecret()).matches()) {
        out.println("voz telegram: TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            + " (without it every update is refused)");
        return 2;
      }
      String url = config.http().publicUrl().replaceAll("/+$", "") + "/webhooks/telegram";
      if (!url.startsWith("https://")) {
        out.println("voz telegram: Telegram only calls https URLs; VOZ_PUBLIC_URL is " + config.http().publicUrl());
        return 2;
      }
      method = "setWebhook";
      body.put("url", url).put("secret_token", telegram.webhookSecret()).put("allowed_updates", ALLOWED_UPDATES);
    }
    return call(telegram, method, body, out);
  }

  private static int call(TelegramOptions telegram, String method, JsonObject body, PrintStream out) {
    Vertx vertx = Vertx.vertx();
    try {
      TelegramApi api = new TelegramApi(WebClient.create(vertx), telegram.apiBase(), telegram.botToken());
      Object result = await(api.call(method, body));
      out.println(method.equals("setWebhook")
          ? "Webhook registered: " + body.getString("url") + " (updates: message, callback_query)."
          : String.valueOf(result));
      return 0;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.println("voz telegram: " + cause.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
