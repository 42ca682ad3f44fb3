package org.voz.channel.twilio;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.contact.ChannelId;
import org.voz.service.VozMetrics;
import org.voz.web.ApiError;

/**
 * {@code POST /webhooks/twilio/status}: Twilio's delivery status callbacks, signed like inbound messages.
 * Counts each status in {@code voz_delivery_status_total{channel,status}} and logs the message SID; a
 * permanent failure ({@code failed}, {@code undelivered}) is a warning with Twilio's error code. With a
 * {@link TwilioMessageDeleter} (twilio.deleteBodiesAfterDelivery), a message that reached a final status
 * ({@code delivered}, {@code undelivered}, {@code failed}) is then deleted at Twilio, after the answer. A
 * {@code failed} or {@code undelivered} message (final: Voz does not send it again) goes to the
 * {@link Failures} handler, which raises an alert if it was an alert note or a receipt.
 */
public final class TwilioStatusWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioStatusWebhook.class);
  private static final Set<String> STATUSES = Set.of("accepted", "scheduled", "queued", "sending", "sent",
      "delivered", "undelivered", "failed", "read", "receiving", "received", "canceled", "partially_delivered");
  private static final Set<String> PERMANENT = Set.of("failed", "undelivered");
  private static final Set<String> FINAL = Set.of("delivered", "failed", "undelivered");
  private static final Pattern SID = Pattern.compile("(SM|MM|MG)[0-9a-fA-F]{32}");
  private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,6}");

  private final TwilioSignature signature;
  private final VozMetrics metrics;
  private final TwilioMessageDeleter deleter;
  private final Failures failures;

  /** Told of each message that failed for good, after the callback is answered. */
  @FunctionalInterface
  public interface Failures {
    void failed(String messageSid, String status, String errorCode);
  }

  /**
   * @param deleter  deletes finished messages at Twilio; {@code null}: they are kept (the default)
   * @param failures told of failed and undelivered messages; {@code null}: only counted and logged
   */
  public TwilioStatusWebhook(String authToken, String publicUrl, VozMetrics metrics, TwilioMessageDeleter deleter,
      Failures failures) {
    this.signature = new TwilioSignature(authToken, publicUrl);
    this.metrics = metrics;
    this.deleter = deleter;
    this.failures = failures;
  }

  public void handleStatus(RoutingContext ctx) {
    Map<String, String> params = signature.verifiedParams(ctx, "status callback");
    if (params == null) {
      return;
    }
    String sid = params.get("MessageSid");
    String status = params.get("MessageStatus");
    if (sid == null || !SID.matcher(sid).matches()) {
      ApiError.send(ctx, 400, "invalid_request", "MessageSid is required", "MessageSid");
      return;
    }
    if (status == null || status.isBlank()) {
      ApiError.send(ctx, 400, "invalid_request", "MessageStatus is required", "MessageStatus");
      return;
    }
    String known = status.trim().toLowerCase(java.util.Locale.ROOT);
    String errorCode = params.get("ErrorCode") != null && ERROR_CODE.matcher(params.get("ErrorCode")).matches()
        ? params.get("ErrorCode") : "";
    record(sid, known, errorCode, channelOf(params));
    ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml")
        .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    if (failures != null && PERMANENT.contains(known)) {
      failures.failed(sid, known, errorCode);
    }
    if (deleter != null && FINAL.contains(known)) {
      deleter.delete(sid);
    }
  }

  private void record(String sid, String status, String errorCode, String channel) {
    String known = STATUSES.contains(status) ? status : "other";
    metrics.deliveryStatus(channel, known);
    String code = errorCode.isEmpty() ? "-" : errorCode;
    if (PERMANENT.contains(known)) {
      LOG.warn("twilio delivery failed sid={} status={} error_code={} channel={}", sid, known, code, channel);
    } else {
      LOG.debug("twilio delivery status sid={} status={} channel={}", sid, known, channel);
    }
  }

  /** WhatsApp when Twilio names a {@code whatsapp:} address; the numbers themselves are never logged. */
  private static String channelOf(Map<String, String> params) {
    String to = params.getOrDefault("To", "");
    String from = params.getOrDefault("From", "");
    return to.startsWith("whatsapp:") || from.startsWith("whatsapp:")
        ? ChannelId.WHATSAPP.value() : ChannelId.SMS.value();
  }
}
