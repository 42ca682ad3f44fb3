package org.voz.channel.twilio;

import io.vertx.core.Future;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.ChannelSender;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;

/**
 * WhatsApp with its 24-hour window. An answer to an inbound message goes as it is. A proactive message
 * ({@link OutboundText#proactive()}, e.g. a nudge) goes as it is while the window is open; outside it, as the
 * approved template configured for the survivor's language (twilio.whatsappTemplates, a Content SID), or
 * else by SMS to the same number, since WhatsApp would refuse a free-form message (error 63016).
 */
public final class WhatsAppSender implements ChannelSender {

  private static final Logger LOG = LoggerFactory.getLogger(WhatsAppSender.class);

  private final TwilioSender whatsapp;
  private final WhatsAppWindow window;
  private final Map<String, String> templates;
  private final ChannelSender sms;

  /** @param sms where a proactive message goes when the window is closed and no template fits; {@code null}: nowhere */
  public WhatsAppSender(TwilioSender whatsapp, WhatsAppWindow window, Map<String, String> templates, ChannelSender sms) {
    this.whatsapp = whatsapp;
    this.window = window;
    this.templates = Map.copyOf(templates);
    this.sms = sms;
  }

  @Override
  public Future<java.util.List<String>> send(String address, OutboundText text) {
    if (!text.proactive()) {
      return whatsapp.send(address, text);
    }
    return window.isOpen(address)
        .recover(e -> Future.failedFuture(DeliveryException.transientFailure("whatsapp window unknown: Redis failed")))
        .compose(open -> open ? whatsapp.send(address, text) : outsideWindow(address, text));
  }

  /** As {@link #send}, asking Twilio first for a free-form message or an SMS (a template's body is not the text). */
  @Override
  public Future<java.util.List<String>> sendAgain(String address, OutboundText text, java.time.Instant since) {
    if (!text.proactive()) {
      return whatsapp.sendAgain(address, text, since);
    }
    return window.isOpen(address)
        .recover(e -> Future.failedFuture(DeliveryException.transientFailure("whatsapp window unknown: Redis failed")))
        .compose(open -> open ? whatsapp.sendAgain(address, text, since) : outsideWindow(address, text, since));
  }

  private Future<java.util.List<String>> outsideWindow(String address, OutboundText text) {
    return outsideWindow(address, text, null);
  }

  /** @param since {@code null}: a first attempt */
  private Future<java.util.List<String>> outsideWindow(String address, OutboundText text, java.time.Instant since) {
    String template = text.language() == null ? null : templates.get(text.language());
    if (template != null) {
      LOG.info("whatsapp window closed: proactive message sent as template language={}", text.language());
      return whatsapp.sendTemplate(address, template);
    }
    if (sms == null || !text.smsFallback()) {
      return Future.failedFuture(DeliveryException.permanentFailure(
          "whatsapp window closed, no template, and SMS is not a channel the survivor marked safe"));
    }
    LOG.info("whatsapp window closed, no template for language={}: proactive message sent by SMS", text.language());
    return since == null ? sms.send(address, text) : sms.sendAgain(address, text, since);
  }
}
