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

  /** Messages asked for per page of {@link #recent}. */
  int PAGE_SIZE = 50;
  /** The most pages {@link #recent} reads: messages to one address within a few minutes fit in one. */
  int MAX_PAGES = 4;

  Future<String> create(MultiMap form);

  /**
   * The messages Twilio has to {@code to} from {@code from} (with a Messaging Service, {@code MG…}: to {@code to}
   * from any sender, the service's among them), newest first, back to the first created before {@code since}
   * (excluded) or {@link #MAX_PAGES} pages ({@code GET …/Messages.json?To=…&From=…&PageSize=…}, page by page:
   * Twilio's date filter is on {@code date_sent}, by day, and a queued message has none). Fails like {@link #create}.
   */
  Future<java.util.List<Listed>> recent(String to, String from, java.time.Instant since);

  /** One message as Twilio's list gives it: its SID, body, creation time (to the second) and Messaging Service, if any. */
  record Listed(String sid, String body, java.time.Instant created, String messagingService) {}
}
