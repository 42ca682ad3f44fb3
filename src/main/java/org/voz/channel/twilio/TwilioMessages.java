package org.voz.channel.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Creates one message at Twilio from the Messages API's form fields (To, From or MessagingServiceSid, Body
 * or ContentSid, StatusCallback). The future yields the message SID, or fails with
 * {@link TwilioMessagesApi.Failure} when Twilio answered an error (its HTTP status and error code), or with
 * the connection's error. Two ways: {@link SdkMessages} (the Twilio SDK on worker threads, the default) and
 * {@link TwilioMessagesApi} (a non-blocking form POST on the event loop, {@code twilio.sendThrough: api}).
 */
public interface TwilioMessages {

  Future<String> create(MultiMap form);
}
