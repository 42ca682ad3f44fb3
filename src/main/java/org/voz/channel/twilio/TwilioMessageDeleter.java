package org.voz.channel.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a message at Twilio ({@code DELETE /2010-04-01/Accounts/<sid>/Messages/<MessageSid>.json}), so its
 * body no longer sits in Twilio's logs (twilio.deleteBodiesAfterDelivery). The SDK blocks: a worker thread.
 */
public final class TwilioMessageDeleter {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioMessageDeleter.class);

  private final Vertx vertx;
  private final TwilioRestClient client;

  public TwilioMessageDeleter(Vertx vertx, TwilioRestClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  private static String reason(Throwable failure) {
    return failure instanceof ApiException api
        ? "status " + api.getStatusCode() + " code " + api.getCode()
        : failure.getClass().getSimpleName();
  }

  /**
   * Deletes an inbound message a little after its webhook was answered ({@link #INBOUND_DELAY}): Twilio refuses
   * to delete a message it is still processing, and our answer is part of that processing.
   */
  public void deleteLater(String messageSid) {
    vertx.setTimer(INBOUND_DELAY.toMillis(), id -> delete(messageSid));
  }

  /** How long after the answer an inbound message is deleted. */
  public static final java.time.Duration INBOUND_DELAY = java.time.Duration.ofSeconds(5);

  public Future<Void> delete(String messageSid) {
    return vertx.<Boolean>executeBlocking(() -> Message.deleter(messageSid).delete(client), false)
        .onSuccess(deleted -> LOG.info("twilio message deleted sid={}", messageSid))
        .onFailure(e -> LOG.warn("twilio message not deleted sid={} ({})", messageSid, reason(e)))
        .mapEmpty();
  }
}
