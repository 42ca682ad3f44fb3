package org.voz.app;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.voz.channel.ChannelSender;
import org.voz.channel.RateBook;
import org.voz.channel.RateLimitedSender;
import org.voz.channel.RateLimitedSender.Limit;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramSender;
import org.voz.channel.twilio.TwilioMessages;
import org.voz.channel.twilio.TwilioSender;
import org.voz.channel.twilio.WhatsAppSender;
import org.voz.channel.twilio.WhatsAppWindow;

/** The channel senders as the outbox uses them: each provider's sender inside its rate limits. */
final class ChannelSenders {

  /** The longest a send waits for its turn (below the outbox's 30 s delivery timeout); beyond it, the outbox retries later. */
  // Two waits in a row (a WhatsApp send falling back to SMS) plus the provider's answer must stay well
  // within the outbox's delivery timeout, or a send abandoned by the timeout could still go out twice.
  static final Duration MAX_WAIT = Duration.ofSeconds(8);

  private ChannelSenders() {}

  /**
   * {@code sms} and {@code whatsapp}: each sender at twilio.messagesPerSecond; WhatsApp minds the 24-hour
   * window for proactive messages, with templates or the (rate-limited) SMS sender as the fallback.
   */
  static Map<String, ChannelSender> twilio(Vertx vertx, TwilioMessages api, Config.Twilio twilio, String statusCallback,
      WhatsAppWindow window, RateBook book) {
    TwilioSender sms = new TwilioSender(api, twilio.from(), false, statusCallback, twilio.maxSegments());
    TwilioSender whatsapp = new TwilioSender(api, twilio.from(), true, statusCallback, twilio.maxSegments());
    ChannelSender limitedSms = new RateLimitedSender(vertx, sms,
        List.of(Limit.overall("twilio-sms-" + twilio.from(), twilio.messagesPerSecond(), sms::cost)), MAX_WAIT, book);
    ChannelSender limitedWhatsapp = new RateLimitedSender(vertx,
        new WhatsAppSender(whatsapp, window, twilio.whatsappTemplates(), limitedSms),
        List.of(Limit.overall("twilio-whatsapp-" + twilio.from(), twilio.messagesPerSecond(), whatsapp::cost)),
        MAX_WAIT, book);
    return Map.of("sms", limitedSms, "whatsapp", limitedWhatsapp);
  }

  /** {@code telegram}: telegram.messagesPerSecond over all chats and telegram.perChatPerSecond per chat. */
  static ChannelSender telegram(Vertx vertx, TelegramApi api, Config.Telegram telegram, RateBook book) {
    return new RateLimitedSender(vertx, new TelegramSender(api),
        List.of(Limit.overall("telegram", telegram.messagesPerSecond(), text -> 1),
            Limit.perAddress("telegram-chat", telegram.perChatPerSecond())),
        MAX_WAIT, book);
  }
}
