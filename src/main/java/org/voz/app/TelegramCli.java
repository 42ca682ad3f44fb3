package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramOptions;

/**
 * {@code voz telegram set-webhook}: registers {@code <VOZ_PUBLIC_URL>/webhooks/telegram} with the Bot API,
 * with the webhook secret and only the update kinds Voz handles. {@code voz telegram webhook-info} shows
 * what Telegram has, {@code delete-webhook} removes it (for long polling), {@code me} shows the bot the
 * token belongs to. Each call is Telegram Bots' method object ({@link SetWebhook}, {@link GetWebhookInfo},
 * {@link DeleteWebhook}, {@link GetMe}), validated before it is sent. The bot token is never printed.
 */
final class TelegramCli {

  /** What Telegram accepts as a secret_token. */
  private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");
  static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

  private TelegramCli() {}

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    String command = args.length == 0 ? "" : args[0];
    if (!List.of("set-webhook", "webhook-info", "delete-webhook", "me").contains(command)) {
      out.println("usage: voz telegram set-webhook | webhook-info | delete-webhook | me");
      out.println("  set-webhook     register VOZ_PUBLIC_URL/webhooks/telegram with TELEGRAM_WEBHOOK_SECRET");
      out.println("  webhook-info    show the webhook Telegram has registered");
      out.println("  delete-webhook  remove the webhook (long polling, telegram.mode: polling, needs none)");
      out.println("  me              show the bot TELEGRAM_BOT_TOKEN belongs to");
      return 2;
    }
    Config config = Config.load(env);
    TelegramOptions telegram = config.telegram();
    if (telegram.botToken().isBlank()) {
      out.println("voz telegram: TELEGRAM_BOT_TOKEN is not set");
      return 2;
    }
    return switch (command) {
      case "set-webhook" -> setWebhook(config, telegram, out);
      case "delete-webhook" -> call(telegram, new DeleteWebhook(), out,
          result -> "Webhook deleted: Telegram now keeps updates for getUpdates (telegram.mode: polling).");
      case "me" -> call(telegram, GetMe.builder().build(), out, result -> result instanceof JsonObject bot
          ? "Bot @" + bot.getString("username") + " (id " + bot.getValue("id") + ")."
          : String.valueOf(result));
      default -> call(telegram, GetWebhookInfo.builder().build(), out, String::valueOf);
    };
  }

  private static int setWebhook(Config config, TelegramOptions telegram, PrintStream out) {
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
    SetWebhook request = new SetWebhook(url);
    request.setSecretToken(telegram.webhookSecret());
    request.setAllowedUpdates(ALLOWED_UPDATES);
    return call(telegram, request, out, result -> "Webhook registered: " + url + " (updates: message, callback_query).");
  }

  private static int call(TelegramOptions telegram, PartialBotApiMethod<?> request, PrintStream out,
      java.util.function.Function<Object, String> done) {
    Vertx vertx = Vertx.vertx();
    try {
      TelegramApi api = new TelegramApi(WebClient.create(vertx), telegram.apiBase(), telegram.botToken());
      out.println(done.apply(await(api.call(request))));
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
