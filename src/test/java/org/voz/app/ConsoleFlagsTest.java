package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.Wait;

/** What the inbox flags above the alerts until someone acts: overdue file requests, messages that were not delivered. */
@VozTest
@VozClock("2026-11-23T10:00:00Z")
@VozConfig("console.passwordIterations=1000")
@DisplayName("Inbox flags: an overdue request and an undelivered message show in the console, not only in the log")
class ConsoleFlagsTest {

  private static final Duration SOON = Duration.ofSeconds(15);

  @Test
  @DisplayName("a request past its due date is flagged for its case manager (only), and its overdue alert is tagged")
  void overdue(VozHarness voz, MutableClock clock) throws Exception {
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-due", "case_manager", clock);
    ConsoleClient ben = ConsoleClient.signedIn(voz, "cm-ben-due", "case_manager", clock);
    ConsoleClient.enrol(voz, "cm-ana-due", "GT-2026-0501", "+50255550501");
    for (String text : new String[] {"hola", "4821", "documentos", "1", "copia", "2", "Para la visa"}) {
      assertThat(await(voz.sms("+50255550501", text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
    String before = ana.get("/console").bodyAsString();
    assertThat(before).doesNotContain("data-flags");
    String reference = ConsoleClient.find(before, "Solicitud (R-[0-9A-Z]{6})");

    clock.advance(Duration.ofDays(31)); // due 2026-12-23 (30 days)
    String after = ana.get("/console").bodyAsString();
    assertThat(after).contains("data-flags", "<li data-flag=\"overdue\">Caso GT-2026-0501: la solicitud " + reference
        + " venció el 2026-12-23 y sigue sin respuesta.</li>");
    assertThat(ben.get("/console").bodyAsString()).doesNotContain("data-flags");

    assertThat(await(voz.voz.requestDueJob().run())).isEqualTo(1);
    Wait.waitFor(() -> {
      try {
        return ana.get("/console").bodyAsString().contains("Solicitud de documentos vencida");
      } catch (Exception e) {
        return false;
      }
    }, SOON);
    assertThat(ana.get("/console").bodyAsString()).containsPattern("data-flag=\"overdue\">Vencida</strong>");
  }

  /** Twilio refuses every message to {@code phone} for good (an invalid number). */
  private static com.github.tomakehurst.wiremock.stubbing.StubMapping refuse(WireMockServer stub, String phone) {
    return stub.stubFor(post(urlPathEqualTo(Twilio.MESSAGES)).atPriority(1)
        .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody(new JsonObject().put("code", 21211).put("message", "Invalid 'To' Phone Number").put("status", 400)
                .encode())));
  }

  @Test
  @DisplayName("a reply Twilio refuses for good (dead-lettered) is flagged on its survivor's case, for their case manager, "
      + "until a later reply to them goes out")
  void undelivered(VozHarness voz, MutableClock clock, WireMockServer stub) throws Exception {
    String phone = "+50255550511";
    var refused = refuse(stub, phone);
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-lost", "case_manager", clock);
    ConsoleClient ben = ConsoleClient.signedIn(voz, "cm-ben-lost", "case_manager", clock);
    ConsoleClient.enrol(voz, "cm-ana-lost", "GT-2026-0511", phone);
    assertThat(await(voz.sms(phone, "hola", VozHarness.newSid())).statusCode()).isEqualTo(200);

    Wait.waitFor(() -> {
      try {
        return ana.get("/console").bodyAsString().contains("data-flag=\"undelivered\"");
      } catch (Exception e) {
        return false;
      }
    }, SOON);
    // when: the dead letter's time (Redis's clock, not the service's)
    assertThat(ana.get("/console").bodyAsString()).containsPattern("<li data-flag=\"undelivered\">Caso GT-2026-0511: "
        + "un mensaje por SMS no se pudo entregar \\(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\)\\.</li>");
    assertThat(ben.get("/console").bodyAsString()).doesNotContain("data-flags");

    // the number works again: the next reply reaches them, and nothing is wrong any more
    stub.removeStub(refused);
    int before = Stubs.bodiesTo(stub, phone).size();
    assertThat(await(voz.sms(phone, "hola", VozHarness.newSid())).statusCode()).isEqualTo(200);
    Wait.waitFor(() -> Stubs.bodiesTo(stub, phone).size() > before, SOON);
    Wait.waitFor(() -> {
      try {
        return !ana.get("/console").bodyAsString().contains("data-flag=\"undelivered\"");
      } catch (Exception e) {
        return false;
      }
    }, SOON);
    assertThat(ana.get("/console").bodyAsString()).doesNotContain("data-flags");

    // refused again, after it was made good: flagged again
    refuse(stub, phone);
    assertThat(await(voz.sms(phone, "MENU", VozHarness.newSid())).statusCode()).isEqualTo(200);
    Wait.waitFor(() -> {
      try {
        return ana.get("/console").bodyAsString().contains("data-flag=\"undelivered\"");
      } catch (Exception e) {
        return false;
      }
    }, SOON);
  }
}
