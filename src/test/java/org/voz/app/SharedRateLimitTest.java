package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Send rates hold over two service instances together, counted at the Twilio stub")
class SharedRateLimitTest {

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true)
      .build();

  @Test
  @DisplayName("two instances at twilio.messagesPerSecond 2 send eight replies no faster than 2 per second in all")
  void twoInstancesShareTheRate(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    Map<String, String> twoPerSecond = Map.of("twilio.messagesPerSecond", "2");
    VozHarness a = await(VozHarness.start(vertx, stub.baseUrl(), twoPerSecond));
    VozHarness b = await(VozHarness.startTwin(vertx, stub.baseUrl(), a, twoPerSecond));
    try {
      int base = 55_000_000 + ThreadLocalRandom.current().nextInt(900_000);
      List<Future<?>> inbound = new ArrayList<>();
      for (int i = 0; i < 8; i++) { // strangers: each gets one short neutral reply, one segment
        VozHarness to = i % 2 == 0 ? a : b;
        inbound.add(to.sms("+502" + (base + i), "Hola", VozHarness.newSid()));
      }
      await(Future.all(inbound));

      waitFor(() -> sends().size() >= 8, Duration.ofSeconds(20));
      List<Long> at = sends().stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
      // 8 sends at 2 per second: the last one no sooner than 3.5 s after the first (each instance alone, at
      // 2 per second, would send its 4 within 1.5 s)
      assertThat(at.get(7) - at.get(0)).isGreaterThanOrEqualTo(3_300);
      for (int i = 0; i + 3 < at.size(); i++) {
        assertThat(at.get(i + 3) - at.get(i)).as("4 sends within one second").isGreaterThanOrEqualTo(1_000 - 100);
      }
    } finally {
      a.voz.stopTimers();
      b.voz.stopTimers();
    }
  }

  private static List<LoggedRequest> sends() {
    return stub.findAll(postRequestedFor(urlPathMatching(Stubs.MESSAGES)));
  }
}
