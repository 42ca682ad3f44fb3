package org.voz.channel.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.ChannelSender;
import org.voz.channel.OutboundText;
import org.voz.dispatch.DeliveryException;

/**
 * Sends SMS and WhatsApp replies through the Twilio SDK. The SDK blocks, so each send runs on a worker
 * thread. 429 and 5xx are worth retrying; other 4xx are permanent (an invalid or blocked number).
 */
public final class TwilioSender implements ChannelSender {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioSender.class);

  private final Vertx vertx;
  private final TwilioRestClient client;
  private final String from;
  private final boolean whatsapp;
  private final String statusCallback;

  /** @param whatsapp whether this sender writes to WhatsApp ({@code whatsapp:} addresses) rather than SMS */
  public TwilioSender(Vertx vertx, TwilioRestClient client, String from, boolean whatsapp) {
    this(vertx, client, from, whatsapp, null);
  }

  /**
   * @param statusCallback where Twilio POSTs this message's delivery statuses (see {@link #statusCallbackUrl}),
   *                       or {@code null} for none
   */
  public TwilioSender(Vertx vertx, TwilioRestClient client, String from, boolean whatsapp, String statusCallback) {
    this.vertx = vertx;
    this.client = client;
    this.from = from;
    this.whatsapp = whatsapp;
    this.statusCallback = statusCallback;
  }

  /**
   * {@code <publicUrl>/webhooks/twilio/status}, or {@code null} when the public URL is a local one Twilio
   * cannot call (development), so that Twilio's debugger does not fill with failed callbacks.
   */
  public static String statusCallbackUrl(String publicUrl) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return null;
    }
    String host = java.net.URI.create(publicUrl.trim()).getHost();
    if (host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0")) {
      return null;
    }
    return publicUrl.replaceAll("/+$", "") + "/webhooks/twilio/status";
  }

  /** A client for {@code accountSid}/{@code authToken} that talks to {@code apiBase}. */
  public static TwilioRestClient client(String accountSid, String authToken, String apiBase) {
    TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid, authToken);
    if (!RebasedHttpClient.isDefault(apiBase)) {
      builder.httpClient(new RebasedHttpClient(apiBase));
    }
    return builder.build();
  }

  @Override
  public Future<Void> send(String address, OutboundText text) {
    return vertx.<String>executeBlocking(() -> create(address, text.text()), false)
        .onSuccess(sid -> LOG.info("twilio message sent sid={}", sid))
        .recover(failure -> Future.failedFuture(classify(failure)))
        .mapEmpty();
  }

  private String create(String address, String body) {
    PhoneNumber to = new PhoneNumber(whatsapp ? "whatsapp:" + address : address);
    MessageCreator creator;
    if (from.startsWith("MG")) {
      creator = Message.creator(to, from, body);
    } else {
      String sender = whatsapp && !from.startsWith("whatsapp:") ? "whatsapp:" + from : from;
      creator = Message.creator(to, new PhoneNumber(sender), body);
    }
    if (statusCallback != null) {
      creator.setStatusCallback(statusCallback);
    }
    return creator.create(client).getSid();
  }

  static DeliveryException classify(Throwable failure) {
    if (failure instanceof ApiException api && api.getStatusCode() != null) {
      int status = api.getStatusCode();
      String reason = "twilio answered " + status + (api.getCode() == null ? "" : " code " + api.getCode());
      return status == 429 || status >= 500
          ? DeliveryException.transientFailure(reason)
          : DeliveryException.permanentFailure(reason);
    }
    if (failure instanceof ApiConnectionException) {
      return DeliveryException.transientFailure("twilio unreachable");
    }
    return DeliveryException.transientFailure("twilio send failed: " + failure.getClass().getSimpleName());
  }
}
