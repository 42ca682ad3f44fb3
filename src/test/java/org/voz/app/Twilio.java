package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.voz.testing.Wait;

/** What the service asked Twilio's Messages API (the test's WireMock) to send. */
final class Twilio {

  /** The Messages API of the test account. */
  static final String MESSAGES = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json";

  private final Stubbing stub;

  Twilio(Stubbing stub) {
    this.stub = stub;
  }

  /** Every message sent (with the account's Basic authentication), as its form, in order. */
  List<Map<String, String>> sent() {
    return stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withHeader("Authorization", matching("Basic .+")))
        .stream().map(r -> Stubs.formOf(r.getBodyAsString())).toList();
  }

  /** Waits (10 seconds at most) until at least {@code n} messages were sent; returns them all. */
  List<Map<String, String>> awaitSent(int n) {
    Wait.waitFor(() -> sent().size() >= n, Duration.ofSeconds(10));
    return sent();
  }

  /** The texts sent to {@code phone}, in order. */
  List<String> bodiesTo(String phone) {
    return Stubs.bodiesTo(stub, phone);
  }
}
