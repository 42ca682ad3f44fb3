package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@DisplayName("Send rates hold over two service instances together, counted at the Twilio stub")
class SharedRateLimitTest {

  private WireMockServer stub;

  @Test
  @DisplayName("two instances at twilio.messagesPerSecond 2 send eight replies no faster than 2 per second in all")
  @VozConfig("twilio.messagesPerSecond=2")
  void twoInstancesShareTheRate(VozRoom room, WireMockServer stub) throws Exception {
    this.stub = stub;
    VozHarness a = room.voz();
    VozHarness b = room.twin(); // the same configuration, the same Redis keys: two pods
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
  }

  private List<LoggedRequest> sends() {
    return stub.findAll(postRequestedFor(urlPathMatching(Stubs.MESSAGES)));
  }
}
