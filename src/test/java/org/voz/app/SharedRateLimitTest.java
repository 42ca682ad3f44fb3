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
    long start = System.currentTimeMillis(); // no slot can come before this: the first message is not yet in
    List<Future<?>> inbound = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // strangers: each gets one short neutral reply, one segment
      VozHarness to = i % 2 == 0 ? a : b;
      inbound.add(to.sms("+502" + (base + i), "Hola", VozHarness.newSid()));
    }
    await(Future.all(inbound));

    waitFor(() -> sends().size() >= 8, Duration.ofSeconds(20));
    List<Long> at = sends().stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
    // 8 sends at 2 per second shared: the k-th send's slot is no sooner than k half-seconds after the start (each
    // instance alone, at 2 per second, would send its 4 within 1.5 s). Measured from the start, not from the first
    // send: a send can be late on a loaded machine, never early, so a late first send cannot fail this
    for (int k = 0; k < 8; k++) {
      assertThat(at.get(k) - start).as("send %d after the start", k).isGreaterThanOrEqualTo(k * 500L - 200);
    }
  }

  private List<LoggedRequest> sends() {
    return stub.findAll(postRequestedFor(urlPathMatching(Stubs.MESSAGES)));
  }
}
