package org.voz.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.dispatch.OutboundText;
import org.voz.dispatch.DeliveryException;

/** The same sends, parts and failures with the Twilio SDK (the default, twilio.sendThrough: sdk). */
@DisplayName("TwilioSender through the Twilio SDK against a stub of the Messages API")
class SdkTwilioSenderTest extends TwilioSenderTest {

  @Override
  TwilioMessages messages(Vertx vertx, String apiBase) {
    return new SdkMessages(vertx, TwilioSender.client(ACCOUNT, "token", apiBase));
  }

  @Test
  @DisplayName("a Twilio that does not answer fails the send within the SDK client's 8 s read timeout, as transient, sent once")
  void slowAnswerTimesOut(Vertx vertx) {
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(20_000)
        .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\"}")));
    long start = System.nanoTime();
    DeliveryException failure = failure(new TwilioSender(messages(vertx, stub.baseUrl()), "+15550001111", false)
        .send(TO, new OutboundText("Hola")));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(failure.permanent()).isFalse();
    assertThat(millis).isBetween(TwilioHttpClient.READ.toMilliseconds() - 500, 10_000L);
    stub.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
  }
}
