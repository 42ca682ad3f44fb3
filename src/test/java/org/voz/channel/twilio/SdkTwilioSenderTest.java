package org.voz.channel.twilio;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;

/** The same sends, parts and failures with the Twilio SDK (the default, twilio.sendThrough: sdk). */
@DisplayName("TwilioSender through the Twilio SDK against a stub of the Messages API")
class SdkTwilioSenderTest extends TwilioSenderTest {

  @Override
  TwilioMessages messages(Vertx vertx, String apiBase) {
    return new SdkMessages(vertx, TwilioSender.client(ACCOUNT, "token", apiBase));
  }
}
