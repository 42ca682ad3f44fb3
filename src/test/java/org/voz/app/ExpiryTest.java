package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozClock("2026-11-23T10:00:00Z")
@VozConfig("simulator.enabled=false") // no demo survivors: their consents would expire too
@DisplayName("Consent expiry: past its until date a consent becomes expired, with a ledger event and an alert")
class ExpiryTest {

  private WireMockServer stub;

  private MutableClock clock;
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    // no demo survivors: their consents would expire too
  }

  @Test
  @DisplayName("the day after until, the consent expires once; the others stay; the case manager is told")
  void expires() throws Exception {
    String survivorId = await(voz.enrol("+50255554001", "es", "4821")); // c1 granted until 2027-06-30
    assertThat(await(voz.voz.expiryJob().run())).isZero();

    clock.set(Instant.parse("2027-06-30T23:00:00Z"));
    assertThat(await(voz.voz.expiryJob().run())).as("until is the last valid day").isZero();

    clock.set(Instant.parse("2027-07-01T06:00:00Z"));
    assertThat(await(voz.voz.expiryJob().run())).isEqualTo(1);
    assertThat(await(voz.voz.expiryJob().run())).as("expires once").isZero();

    JsonObject c1 = await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("consents").getJsonObject(0);
    assertThat(c1.getString("status")).isEqualTo("expired");

    JsonArray events = await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("events");
    JsonObject last = events.getJsonObject(events.size() - 1);
    assertThat(last.getString("type")).isEqualTo("consent.expired");
    assertThat(last.getString("actor")).isEqualTo("system:expiry");
    assertThat(last.getString("consentId")).isEqualTo("c1");

    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> new JsonObject(r.getBodyAsString()).getString("type").equals("consent.expired")), Duration.ofSeconds(10));
    JsonArray alerts = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(alerts.stream().map(JsonObject.class::cast).filter(a -> a.getString("survivorId").equals(survivorId)))
        .singleElement().satisfies(a -> {
          assertThat(a.getString("type")).isEqualTo("consent.expired");
          assertThat(a.getString("consentId")).isEqualTo("c1");
          assertThat(a.getString("recipient")).isEqualTo("shelter-casa-esperanza");
        });
  }

  @Test
  @DisplayName("a grant waiting for the team's confirmation, or for a minor's representative, expires past until like any other")
  void waitingGrantsExpire() throws Exception {
    String cm = "cm-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> enrolled = await(voz.client.post("/api/v1/survivors")
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(org.voz.testing.EnrolmentJson
            .standard(cm, "es", "sms", "+50255554002")
            .consent(org.voz.testing.ConsentJson.medical("c2", "granted_pending_confirmation"))
            .consent(org.voz.testing.ConsentJson.item("c3").data("case-notes").recipient("legal-aid")
                .purpose("legal-support").until("2027-03-31").status("pending_representative"))
            .json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String survivorId = enrolled.bodyAsJsonObject().getString("id");

    clock.set(Instant.parse("2027-04-01T06:00:00Z")); // c2 and c3 end 2027-03-31, c1 2027-06-30
    assertThat(await(voz.voz.expiryJob().run())).isEqualTo(2);
    assertThat(await(voz.voz.expiryJob().run())).as("expires once").isZero();

    JsonArray consents = await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("consents");
    assertThat(consents.stream().map(JsonObject.class::cast).map(c -> c.getString("id") + "=" + c.getString("status")))
        .containsExactlyInAnyOrder("c1=granted", "c2=expired", "c3=expired");
    JsonArray events = await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("events");
    assertThat(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("consent.expired"))
        .map(e -> e.getString("consentId") + ":" + e.getString("from") + ":" + e.getString("actor")))
        .containsExactlyInAnyOrder("c2:granted_pending_confirmation:system:expiry", "c3:pending_representative:system:expiry");
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .filter(a -> a.getString("type").equals("consent.expired") && survivorId.equals(a.getString("survivorId")))
        .count() == 2, Duration.ofSeconds(10));
  }
}
