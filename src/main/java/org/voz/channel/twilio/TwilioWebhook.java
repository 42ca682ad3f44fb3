package org.voz.channel.twilio;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.contact.ChannelId;
import org.voz.service.inbound.InboundMessage;
import org.voz.service.inbound.InboundService;
import org.voz.web.ApiError;

/**
 * {@code POST /webhooks/twilio/messages}: inbound SMS and WhatsApp, form-encoded. The signature is checked
 * against the public URL (Twilio signs the URL it called, which behind a proxy is not ours), and the
 * answer, an empty TwiML response, is sent only after the message is committed. A WhatsApp message opens
 * the address's 24-hour window ({@link WhatsAppWindow}). With a {@link TwilioMessageDeleter}
 * (twilio.deleteBodiesAfterDelivery), the inbound message (which may hold the PIN) is deleted at Twilio once it is
 * committed and answered, off the event loop and after the answer: the webhook never waits for it.
 */
public final class TwilioWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhook.class);
  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
  private static final int MAX_TEXT = 1600;

  private final TwilioSignature signature;
  private final InboundService inbound;
  private final WhatsAppWindow window;
  private final TwilioMessageDeleter deleter;

  /**
   * @param authToken Twilio auth token; blank means no request can be verified, so all are refused
   * @param window    told of every WhatsApp message; {@code null}: not tracked
   * @param deleter   deletes each committed inbound message at Twilio; {@code null}: they are kept (the default)
   */
  public TwilioWebhook(String authToken, String publicUrl, InboundService inbound, WhatsAppWindow window,
      TwilioMessageDeleter deleter) {
    this.signature = new TwilioSignature(authToken, publicUrl);
    this.inbound = inbound;
    this.window = window;
    this.deleter = deleter;
  }

  public void handleMessage(RoutingContext ctx) {
    Map<String, String> params = signature.verifiedParams(ctx, "webhook");
    if (params == null) {
      return;
    }
    String sid = params.get("MessageSid");
    String from = params.get("From");
    if (sid == null || sid.isBlank()) {
      ApiError.send(ctx, 400, "invalid_request", "MessageSid is required", "MessageSid");
      return;
    }
    if (from == null || from.isBlank()) {
      ApiError.send(ctx, 400, "invalid_request", "From is required", "From");
      return;
    }
    boolean whatsapp = from.startsWith("whatsapp:");
    String address = whatsapp ? from.substring("whatsapp:".length()) : from;
    String body = params.getOrDefault("Body", "");
    if (body.length() > MAX_TEXT) {
      body = body.substring(0, MAX_TEXT + 1);
    }
    boolean media = parseCount(params.get("NumMedia")) > 0;
    InboundMessage message =
        new InboundMessage((whatsapp ? ChannelId.WHATSAPP : ChannelId.SMS).value(), address, body, media, "twilio:" + sid);
    inbound
        .receive(message)
        .compose(result -> whatsapp && window != null
            ? window.opened(address).otherwise(e -> {
              LOG.warn("whatsapp window not recorded: {}", e.getClass().getSimpleName());
              return null;
            }).map(result)
            : Future.succeededFuture(result))
        .onSuccess(result -> {
          ctx.response().putHeader("Content-Type", "text/xml").end(EMPTY_TWIML);
          if (deleter != null) {
            deleter.deleteLater(sid);
          }
        })
        .onFailure(ctx::fail);
  }

  private static int parseCount(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
