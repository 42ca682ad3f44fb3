package org.voz.channel.twilio;

import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.channel.ChannelSender;
import org.voz.channel.RateLimitedSender.Limit;
import org.voz.channel.RateLimitedSender;
import org.voz.channel.SentListener;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelId;
import org.voz.service.casework.DeliveryFailures;
import org.voz.store.SentMessages;

/**
 * SMS and WhatsApp through Twilio: the inbound and status webhooks ({@code /webhooks/twilio/…}, signed), the
 * two senders each at {@code twilio.messagesPerSecond} (WhatsApp minding its 24-hour window, with templates
 * or the rate-limited SMS sender as the fallback), and what ties a status callback back to its outbox entry.
 * Without credentials the webhooks still answer (refusing every request: nothing can be verified) and
 * nothing is sent.
 */
public final class TwilioModule implements ChannelModule {

  /** How long a status callback can still find the outbox entry a message came from. */
  static final Duration SENT_TTL = Duration.ofDays(3);

  private final TwilioWebhook webhook;
  private final TwilioStatusWebhook status;
  private final List<Outlet> outlets;
  private final SentListener sent;

  public TwilioModule(ChannelContext ctx, TwilioOptions options) {
    WhatsAppWindow window = new WhatsAppWindow(ctx.redis(), ctx.keys(), ctx.keyring());
    SentMessages sentMessages = new SentMessages(ctx.redis(), ctx.keys(), SENT_TTL);
    TwilioMessageDeleter deleter = null;
    if (options.usable()) {
      var client = TwilioSender.client(options.accountSid(), options.authToken(), options.apiBase());
      TwilioMessages api = options.sendThroughSdk()
          ? new SdkMessages(ctx.vertx(), client)
          : new TwilioMessagesApi(ctx.vertx(), options.accountSid(), options.authToken(), options.apiBase());
      this.outlets = senders(ctx, api, options, window);
      deleter = options.deleteBodiesAfterDelivery() ? new TwilioMessageDeleter(ctx.vertx(), client) : null;
    } else {
      this.outlets = List.of();
    }
    this.sent = new TwilioSentLog(sentMessages);
    this.webhook = new TwilioWebhook(options.authToken(), ctx.publicUrl(), ctx.inbound(), window, deleter);
    this.status = new TwilioStatusWebhook(options.authToken(), ctx.publicUrl(), ctx.metrics(), deleter,
        new DeliveryFailures(ctx.vertx(), sentMessages, ctx.updates())::failed);
  }

  private static List<Outlet> senders(ChannelContext ctx, TwilioMessages api, TwilioOptions options,
      WhatsAppWindow window) {
    String callback = TwilioSender.statusCallbackUrl(ctx.publicUrl());
    TwilioSender sms = new TwilioSender(api, options.from(), false, callback, options.maxSegments());
    TwilioSender whatsapp = new TwilioSender(api, options.from(), true, callback, options.maxSegments());
    ChannelSender limitedSms = new RateLimitedSender(ctx.vertx(), sms,
        List.of(Limit.overall("twilio-sms-" + options.from(), options.messagesPerSecond(), sms::cost)),
        RateLimitedSender.MAX_WAIT, ctx.rates());
    ChannelSender limitedWhatsapp = new RateLimitedSender(ctx.vertx(),
        new WhatsAppSender(whatsapp, window, options.whatsappTemplates(), limitedSms),
        List.of(Limit.overall("twilio-whatsapp-" + options.from(), options.messagesPerSecond(), whatsapp::cost)),
        RateLimitedSender.MAX_WAIT, ctx.rates());
    // neither can take back what a phone was shown (deleting Twilio's stored bodies is twilio.deleteBodiesAfterDelivery)
    return List.of(new Outlet(ChannelId.SMS, Capabilities.TEXT.withSegments(), limitedSms),
        new Outlet(ChannelId.WHATSAPP, Capabilities.TEXT.withTemplates(), limitedWhatsapp));
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public List<Outlet> outlets() {
    return outlets;
  }

  @Override
  public void mount(Router router) {
    router.post("/webhooks/twilio/messages").handler(webhook::handleMessage);
    router.post("/webhooks/twilio/status").handler(status::handleStatus);
  }

  @Override
  public SentListener sentListener() {
    return sent;
  }
}
