package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voz.testing.LogCapture;

@VozTest
@VozClock("2026-12-01T12:00:00Z")
@VozConfig({"throttle.authFailures=5", "throttle.authWindow=PT1M", "throttle.unknownSenderQuiet=PT3S"})
@DisplayName("Throttling: wrong bearer tokens per address, replies to unknown senders per number")
class ThrottlingTest {

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  private static HttpResponse<Buffer> alerts(VozHarness voz, String token) throws Exception {
    return await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(token).send());
  }

  @Test
  @DisplayName("past the budget of wrong tokens an address gets 429 with Retry-After (the right token too) until the "
      + "block ends, which grows with each burst; counted, and one log line per burst naming the address by its hash")
  void wrongTokens(VozHarness voz, MutableClock clock) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      statuses.add(alerts(voz, "wrong-token-" + i).statusCode());
    }
    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 200)).containsOnly(429);
    HttpResponse<Buffer> blocked = alerts(voz, VozHarness.ADMIN);
    assertThat(blocked.statusCode()).as("the right token waits too: no guess is tried while blocked").isEqualTo(429);
    assertThat(blocked.getHeader("Retry-After")).isEqualTo("60");
    assertThat(blocked.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");

    List<ILoggingEvent> lines = logs.events().stream().filter(e -> e.getFormattedMessage().contains("bearer")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getFormattedMessage()).containsPattern("address=[0-9a-f]{16}").doesNotContain("127.0.0.1");
    String metrics = await(voz.client.get("/metrics").send()).bodyAsString();
    assertThat(metrics).containsPattern("voz_auth_failures_total(\\{[^}]*\\})? 5\\.0")
        .containsPattern("voz_auth_throttled_total(\\{[^}]*\\})? 196\\.0");

    clock.advance(Duration.ofSeconds(61));
    assertThat(alerts(voz, VozHarness.ADMIN).statusCode()).as("the block is over").isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(alerts(voz, "wrong-again-" + i).statusCode()).isEqualTo(401);
    }
    assertThat(alerts(voz, "wrong-again").getHeader("Retry-After")).as("the second burst: twice as long").isEqualTo("120");
    assertThat(logs.events().stream().filter(e -> e.getFormattedMessage().contains("bearer"))).hasSize(2);
  }

  @Test
  @VozConfig("console.clientAddressHeader=X-Forwarded-For")
  @DisplayName("behind a proxy (console.clientAddressHeader) the budget is each client's, by the address the proxy added")
  void behindAProxy(VozHarness voz) throws Exception {
    for (int i = 0; i < 6; i++) {
      await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication("wrong-" + i)
          .putHeader("X-Forwarded-For", "10.0.0.9, 203.0.113.5").send());
    }
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN)
        .putHeader("X-Forwarded-For", "203.0.113.5").send()).statusCode()).isEqualTo(429);
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN)
        .putHeader("X-Forwarded-For", "203.0.113.5, 198.51.100.7").send()).statusCode())
        .as("another client behind the same proxy; the first entry is the client's to write").isEqualTo(200);
  }

  @Test
  @DisplayName("an unknown number is answered once, then not for throttle.unknownSenderQuiet; another number has its own")
  void unknownSenderAnsweredOnce(VozHarness voz, WireMockServer stub) throws Exception {
    String stranger = "+15559990001";
    for (int i = 0; i < 10; i++) {
      assertThat(await(voz.sms(stranger, "hola " + i, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
    waitFor(() -> Stubs.bodiesTo(stub, stranger).size() == 1, Duration.ofSeconds(10));
    holdsFor(Duration.ofMillis(500), () -> Stubs.bodiesTo(stub, stranger).size() == 1);
    assertThat(Stubs.bodiesTo(stub, stranger).get(0)).isEqualTo(Replies.unknownSender("hola 0"));

    String other = "+15559990002";
    await(voz.sms(other, "hola", VozHarness.newSid()));
    waitFor(() -> Stubs.bodiesTo(stub, other).size() == 1, Duration.ofSeconds(10));

    // once the window is over, the next message is answered again (once)
    waitFor(() -> {
      try {
        await(voz.sms(stranger, "otra vez", VozHarness.newSid()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return Stubs.bodiesTo(stub, stranger).size() == 2;
    }, Duration.ofSeconds(15));
    holdsFor(Duration.ofMillis(300), () -> Stubs.bodiesTo(stub, stranger).size() == 2);
  }
}
