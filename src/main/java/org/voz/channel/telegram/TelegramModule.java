package org.voz.channel.telegram;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.channel.RateLimitedSender.Limit;
import org.voz.channel.RateLimitedSender;
import org.voz.channel.SentListener;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelId;
import org.voz.store.ShownMessages;
import org.voz.store.TelegramLinks;
import org.voz.web.ApiError;

/**
 * Telegram: the webhook ({@code POST /webhooks/telegram}, or long polling in development), enrolment links
 * redeemed by {@code /start <code>}, the sender at {@code telegram.messagesPerSecond} over all chats and
 * {@code telegram.perChatPerSecond} per chat, choices as buttons too, and the deletion of what a survivor
 * was shown once their conversation is over (at once on a quick exit, by a sweep after the idle timeout).
 */
public final class TelegramModule implements ChannelModule {

  private final TelegramOptions options;
  private final TelegramApi api;
  private final TelegramWebhook webhook;
  private final List<Outlet> outlets;
  private final SensitiveMessages sensitive;
  private final List<Deployable> jobs = new ArrayList<>();

  public TelegramModule(ChannelContext ctx, TelegramOptions options) {
    if (ctx.production() && options.enabled() && options.polling() && !options.pollingInProduction()) {
      throw new IllegalArgumentException(
          "telegram.mode polling is for development; set telegram.pollingInProduction to run it in production");
    }
    this.options = options;
    this.api = new TelegramApi(WebClient.create(ctx.vertx()), options.apiBase(), options.botToken());
    this.webhook = new TelegramWebhook(options.webhookSecret(), ctx.inbound(), new TelegramLinks(ctx.redis(), ctx.keys()),
        new TelegramLinker(ctx.redis(), ctx.keys(), ctx.keyring(), ctx.updates()::addContact), api);
    if (options.enabled() && api.configured()) {
      this.outlets = List.of(new Outlet(ChannelId.TELEGRAM, Capabilities.TEXT.withButtons().withDeletion(),
          new RateLimitedSender(ctx.vertx(), new TelegramSender(api),
              List.of(Limit.overall("telegram", options.messagesPerSecond(), text -> 1),
                  Limit.perAddress("telegram-chat", options.perChatPerSecond())),
              RateLimitedSender.MAX_WAIT, ctx.rates())));
      ShownMessages shown = new ShownMessages(ctx.redis(), ctx.keys(), ctx.keyring());
      this.sensitive = new SensitiveMessages(api, shown, ctx.clock());
      jobs.add(new ShownSweep(shown, sensitive::forget, ctx.clock(), ctx.shortestIdleTimeout(), ctx.idleTimeoutOf(),
          options.forgetSweepInterval()));
      if (options.polling()) {
        jobs.add(new TelegramPoller(api, webhook, TelegramPoller.POLL_TIMEOUT));
      }
    } else {
      this.outlets = List.of();
      this.sensitive = null;
    }
  }

  @Override
  public String name() {
    return "telegram";
  }

  @Override
  public List<Outlet> outlets() {
    return outlets;
  }

  @Override
  public void mount(Router router) {
    if (options.enabled() && !options.polling()) {
      router.post("/webhooks/telegram").handler(webhook::handleUpdate);
    } else {
      router.post("/webhooks/telegram").handler(ctx -> ApiError.send(ctx, 403, "forbidden",
          "Telegram updates are not taken here (channel off, or long polling)", null));
    }
  }

  @Override
  public List<Deployable> jobs() {
    return List.copyOf(jobs);
  }

  @Override
  public SentListener sentListener() {
    return sensitive == null ? SentListener.NONE : sensitive;
  }

  @Override
  public Future<Integer> forget(String survivorId) {
    return sensitive == null ? Future.succeededFuture(0) : sensitive.forget(survivorId);
  }
}
