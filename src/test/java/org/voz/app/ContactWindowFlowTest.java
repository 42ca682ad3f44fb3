package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozClock("2026-11-23T13:59:59Z") // 07:59:59 in Guatemala
@DisplayName("Contact safety: Voz writes first only on safe channels and within the survivor's hours")
class ContactWindowFlowTest {

  private WireMockServer stub;

  private MutableClock clock;
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
  }

  private HttpResponse<Buffer> enrol(JsonObject window) throws Exception {
    return await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-9").put("language", "es").put("caseManager", "cm-w")
            .put("contacts", new JsonArray()
                .add(new JsonObject().put("channel", "whatsapp").put("address", "+50255556001"))
                .add(new JsonObject().put("channel", "sms").put("address", "+50255556001")))
            .put("pin", "4821").put("contactWindow", window)));
  }

  @Test
  @DisplayName("a nudge before 08:00 in the survivor's zone waits for 08:00, then goes by SMS, the channel marked safe")
  void nudgeWaitsForHours() throws Exception {
    await(voz.createStaff("cm-w", "case_manager"));
    HttpResponse<Buffer> enrolled = enrol(new JsonObject().put("timezone", "America/Guatemala").put("from", "08:00")
        .put("to", "20:00").put("channels", new JsonArray().add("sms")));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    assertThat(await(voz.client.post("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", "r1").put("data", "case-notes").put("recipient", "legal-aid")
            .put("purpose", "legal-support").put("until", "2027-05-01").put("status", "pending"))).statusCode()).isEqualTo(201);

    // nothing before 08:00: the clock stands still, and over several outbox sweeps no message may go out
    holdsFor(Duration.ofMillis(600), () -> stub.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).isEmpty());
    assertThat(stub.findAll(postRequestedFor(urlPathMatching(".*/Messages.json")))).as("nothing before 08:00").isEmpty();

    clock.advance(Duration.ofSeconds(2));
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).isEmpty(), Duration.ofSeconds(10));
    String form = stub.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).get(0).getBodyAsString();
    assertThat(form).contains("To=%2B50255556001").doesNotContain("whatsapp");
  }

  @Test
  @DisplayName("a contact window with an unknown zone, bad hours or a channel the survivor has no contact on is a 400")
  void badWindows() throws Exception {
    await(voz.createStaff("cm-w", "case_manager"));
    assertThat(field(enrol(new JsonObject().put("timezone", "Mars/Base").put("from", "08:00").put("to", "20:00"))))
        .isEqualTo("contactWindow.timezone");
    assertThat(field(enrol(new JsonObject().put("timezone", "UTC").put("from", "8h").put("to", "20:00"))))
        .isEqualTo("contactWindow.from");
    assertThat(field(enrol(new JsonObject().put("timezone", "UTC").put("from", "20:00").put("to", "08:00"))))
        .isEqualTo("contactWindow.to");
    assertThat(field(enrol(new JsonObject().put("timezone", "UTC").put("from", "08:00").put("to", "20:00")
        .put("channels", new JsonArray().add("telegram"))))).isEqualTo("contactWindow.channels[0]");
  }

  private static String field(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getString("field");
  }
}
