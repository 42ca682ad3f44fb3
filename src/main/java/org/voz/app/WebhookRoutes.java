package org.voz.app;

import org.voz.web.ApiError;
import org.voz.service.casework.DeliveryFailures;
import io.vertx.ext.web.Router;
import org.voz.channel.simulator.SimulatorRoutes;
import org.voz.channel.telegram.TelegramWebhook;
import org.voz.channel.twilio.TwilioStatusWebhook;
import org.voz.channel.twilio.TwilioWebhook;
import org.voz.store.TelegramLinker;

/** The edges survivors write through: Twilio's two webhooks, Telegram's webhook, and the dev simulator. */
final class WebhookRoutes {

  private final Services s;
  private final TwilioWebhook twilio;
  private final TwilioStatusWebhook twilioStatus;
  private final TelegramWebhook telegram;
  private final SimulatorRoutes simulator;

  WebhookRoutes(Services s) {
    this.s = s;
    Config config = s.config();
    String authToken = config.twilio().authToken();
    String publicUrl = config.http().publicUrl();
    Outbound out = s.outbound();
    this.twilio = new TwilioWebhook(authToken, publicUrl, s.inbound(), out.whatsappWindow(), out.deleter());
    this.twilioStatus = new TwilioStatusWebhook(authToken, publicUrl, s.metrics(), out.deleter(),
        new DeliveryFailures(s.vertx(), out.sent(), s.updates())::failed);
    this.telegram = new TelegramWebhook(config.telegram().webhookSecret(), s.inbound(), s.links(),
        new TelegramLinker(s.redis(), s.keys(), s.keyring(), s.updates()::addContact), out.telegramApi());
    this.simulator = out.simulator() == null ? null
        : new SimulatorRoutes(s.inbound(), out.simulator(), DemoSurvivors.PERSONAS);
  }

  /** The Telegram webhook also takes the updates long polling fetches. */
  TelegramWebhook telegram() {
    return telegram;
  }

  void mount(Router router) {
    router.post("/webhooks/twilio/messages").handler(twilio::handleMessage);
    router.post("/webhooks/twilio/status").handler(twilioStatus::handleStatus);
    Config.Telegram config = s.config().telegram();
    if (config.enabled() && !config.polling()) {
      router.post("/webhooks/telegram").handler(telegram::handleUpdate);
    } else {
      router.post("/webhooks/telegram").handler(ctx ->
          ApiError.send(ctx, 403, "forbidden", "Telegram updates are not taken here (channel off, or long polling)", null));
    }
    if (simulator != null) {
      simulator.mount(router);
    }
  }
}
