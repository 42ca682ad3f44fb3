package org.voz.app;

import org.voz.service.VozMetrics;
import org.voz.service.inbound.Escalations;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.voz.channel.AlertSender;
import org.voz.channel.ChannelSender;
import org.voz.channel.RateBook;
import org.voz.channel.ReplyDelivery;
import org.voz.channel.SharedRateBook;
import org.voz.channel.SentListener;
import org.voz.channel.telegram.SensitiveMessages;
import org.voz.channel.twilio.TwilioSentLog;
import org.voz.store.SentMessages;
import org.voz.store.ShownMessages;
import org.voz.channel.simulator.SimulatorInbox;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.twilio.SdkMessages;
import org.voz.channel.twilio.TwilioMessageDeleter;
import org.voz.channel.twilio.TwilioMessages;
import org.voz.channel.twilio.TwilioMessagesApi;
import org.voz.channel.twilio.TwilioSender;
import org.voz.channel.twilio.WhatsAppWindow;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.store.StaffRepository;

/**
 * Everything that leaves the service: the channel senders the configuration enables (simulator, Twilio SMS
 * and WhatsApp, Telegram), the alert and notice webhooks, and the delivery the outbox runs them through.
 *
 * @param simulator the simulator's inbox when the simulator runs (never in production), else null
 * @param deleter   deletes message bodies at Twilio once delivered, when configured, else null
 * @param sensitive deletes survivors' sensitive Telegram messages, when Telegram is on, else null
 * @param sent      which outbox entry a Twilio message came from (alert notes and receipts)
 */
record Outbound(ReplyDelivery delivery, SimulatorInbox simulator, WhatsAppWindow whatsappWindow,
    TwilioMessageDeleter deleter, TelegramApi telegramApi, SensitiveMessages sensitive, ShownMessages shown,
    SentMessages sent) {

  /** How long a status callback can still find the outbox entry a message came from. */
  static final java.time.Duration SENT_TTL = java.time.Duration.ofDays(3);

  static Outbound build(Vertx vertx, Config config, Redis redis, Keys keys, Keyring keyring, StaffRepository staff,
      VozMetrics metrics, Clock clock) {
    Map<String, ChannelSender> senders = new HashMap<>();
    RateBook rates = config.outbox().sharedRateLimits()
        ? new SharedRateBook(redis, keys.prefix(), address -> keyring.addressHash("rate", address))
        : RateBook.LOCAL;
    SimulatorInbox inbox = null;
    if (!config.production() && config.simulator().enabled()) {
      inbox = new SimulatorInbox();
      senders.put("sim", inbox);
    }
    Config.Twilio twilio = config.twilio();
    WhatsAppWindow whatsappWindow = new WhatsAppWindow(redis, keys, keyring);
    TwilioMessageDeleter deleter = null;
    if (twilio.enabled() && !twilio.accountSid().isBlank() && !twilio.authToken().isBlank()) {
      var client = TwilioSender.client(twilio.accountSid(), twilio.authToken(), twilio.apiBase());
      TwilioMessages messages = twilio.sendThroughSdk()
          ? new SdkMessages(vertx, client)
          : new TwilioMessagesApi(vertx, twilio.accountSid(), twilio.authToken(), twilio.apiBase());
      senders.putAll(ChannelSenders.twilio(vertx, messages, twilio,
          TwilioSender.statusCallbackUrl(config.http().publicUrl()), whatsappWindow, rates));
      deleter = twilio.deleteBodiesAfterDelivery() ? new TwilioMessageDeleter(vertx, client) : null;
    }
    Config.Telegram telegram = config.telegram();
    TelegramApi telegramApi = new TelegramApi(WebClient.create(vertx), telegram.apiBase(), telegram.botToken());
    if (telegram.enabled() && telegramApi.configured()) {
      senders.put("telegram", ChannelSenders.telegram(vertx, telegramApi, telegram, rates));
    }
    WebClient webhooks = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30),
        new PoolOptions().setHttp1MaxSize(20));
    AlertSender alerts = new AlertSender(webhooks, config.alerts().webhookUrl(), config.alerts().webhookSecret());
    Map<String, AlertSender> notices = new HashMap<>();
    config.recipients().forEach((code, r) -> notices.put("recipient:" + code, new AlertSender(webhooks, r.url(), r.secret())));
    FeedbackConfig.Safeguarding lead = config.feedback().safeguarding();
    notices.put(Escalations.CHANNEL, new AlertSender(webhooks, lead.webhookUrl(), lead.webhookSecret()));
    ShownMessages shown = new ShownMessages(redis, keys, keyring);
    SensitiveMessages sensitive = senders.containsKey("telegram") ? new SensitiveMessages(telegramApi, shown, clock) : null;
    SentMessages sent = new SentMessages(redis, keys, SENT_TTL);
    SentListener listener = new TwilioSentLog(sent);
    ReplyDelivery delivery = new ReplyDelivery(keyring, senders, alerts, notices, metrics, clock,
        staffId -> staff.find(staffId).map(found -> found.map(m -> m.contacts().stream()
            .map(c -> new String[] {c.channel(), c.address()}).toList()).orElse(List.of())),
        sensitive == null ? listener : sensitive.andThen(listener), sensitive == null ? null : sensitive::forget);
    return new Outbound(delivery, inbox, whatsappWindow, deleter, telegramApi, sensitive, shown, sent);
  }
}
