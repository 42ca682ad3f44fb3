package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import org.voz.testing.StaffJson;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.ConsentJson;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lettuce.core.Range;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.voz.channel.AlertSender;
import org.voz.store.Keys;

@VozTest
@DisplayName("Consent end to end: SMS in, revoke, grant, decline; the record, the chained ledger and the alert")
class ConsentFlowTest {

  private static final String MESSAGES = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json";

  private WireMockServer stub;

  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  /** Sends each text and waits for its reply; returns the replies. */
  private List<String> converse(String phone, String... texts) throws Exception {
    return Stubs.converse(voz, stub, phone, texts);
  }

  private List<String> bodiesTo(String phone) {
    return Stubs.bodiesTo(stub, phone);
  }

  private JsonObject get(String path) throws Exception {
    return await(voz.client.get(path).bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject();
  }

  private List<JsonObject> alertsOfType(String type) {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(a -> a.getString("type").equals(type)).toList();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"es", "en", "pt", "fr"})
  @DisplayName("revoke from the menu: receipt shown, record revoked, chained ledger event, signed alert")
  void revoke(String language) throws Exception {
    String phone = "+5025555" + (5000 + language.hashCode() % 900);
    String survivorId = await(voz.enrol(phone, language, "4821"));
    List<String> replies = converse(phone, "hola", "4821", "2", "1", "1");
    String done = replies.get(4);
    String receipt = done.replaceAll("(?s).*?([23456789A-HJ-NP-Z]{6}).*", "$1");
    assertThat(receipt).hasSize(6);

    JsonObject c1 = get("/api/v1/survivors/" + survivorId + "/consents").getJsonArray("consents").getJsonObject(0);
    assertThat(c1.getString("status")).isEqualTo("revoked");

    JsonObject history = get("/api/v1/survivors/" + survivorId + "/consents/history");
    assertThat(history.getJsonObject("chain").getBoolean("valid")).isTrue();
    JsonObject event = history.getJsonArray("events").getJsonObject(history.getJsonArray("events").size() - 1);
    assertThat(event.getString("type")).isEqualTo("consent.revoked");
    assertThat(event.getString("from")).isEqualTo("granted");
    assertThat(event.getString("receipt")).isEqualTo(receipt);
    assertThat(event.getString("language")).isEqualTo(language);
    assertThat(event.getString("channel")).isEqualTo("sms");
    assertThat(event.getString("shown")).isNotBlank();
    assertThat(history.getJsonArray("events").getJsonObject(0).getString("type")).isEqualTo("consent.granted");
    assertThat(history.getJsonArray("events").getJsonObject(0).getString("actor")).isEqualTo("staff:admin");
    assertThat(replies.get(3)).endsWith(event.getString("shown"));

    waitFor(() -> !alertsOfType("consent.revoked").isEmpty(), Duration.ofSeconds(10));
    LoggedRequest alert = stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).get(0);
    assertThat(alert.getHeader("X-Voz-Signature"))
        .isEqualTo("sha256=" + AlertSender.sign(VozHarness.ALERT_SECRET, alert.getBody()));
    JsonObject payload = new JsonObject(alert.getBodyAsString());
    assertThat(payload.getString("survivorId")).isEqualTo(survivorId);
    assertThat(payload.getString("consentId")).isEqualTo("c1");
    assertThat(payload.getString("recipient")).isEqualTo("shelter-casa-esperanza");
    assertThat(payload.getString("receipt")).isEqualTo(receipt);
    assertThat(payload.getString("caseRef")).isEqualTo("GT-2026-0147");
  }

  @Test
  @DisplayName("the recipient organisation's own webhook gets a signed consent.revoked notice for its item only")
  @VozConfig({"recipients.shelter-casa-esperanza.url=" + VozConfig.WIREMOCK + "/casa",
      "recipients.shelter-casa-esperanza.secret=casa-secret"})
  void recipientNotified() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/casa")).willReturn(aResponse().withStatus(200)));
    String phone = "+50255555401";
    await(voz.enrol(phone, "es", "4821"));
    converse(phone, "hola", "4821", "2", "1", "1");
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).isEmpty(), Duration.ofSeconds(10));
    LoggedRequest notice = stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).get(0);
    assertThat(notice.getHeader("X-Voz-Signature")).isEqualTo("sha256=" + AlertSender.sign("casa-secret", notice.getBody()));
    JsonObject body = new JsonObject(notice.getBodyAsString());
    assertThat(body.getString("type")).isEqualTo("consent.revoked");
    assertThat(body.getString("consentId")).isEqualTo("c1");
    assertThat(body.getString("recipient")).isEqualTo("shelter-casa-esperanza");
    assertThat(body.fieldNames()).doesNotContain("survivorId", "caseManager");
  }

  @Test
  @DisplayName("with chatGrantStatus granted_pending_confirmation a chat grant waits for the case manager's confirmation")
  @VozConfig("consent.chatGrantStatus=granted_pending_confirmation")
  void grantAwaitsConfirmation() throws Exception {
    String phone = "+50255555601";
    String id = await(voz.enrol(phone, "en", "4821"));
    var proposed = await(voz.client.post("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(ConsentJson.medical("r1", "pending").json()));
    assertThat(proposed.statusCode()).isEqualTo(201);
    waitFor(() -> bodiesTo(phone).size() == 1, Duration.ofSeconds(10)); // the nudge
    converse(phone, "4821", "1");
    JsonObject r1 = get("/api/v1/survivors/" + id + "/consents").getJsonArray("consents").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("id").equals("r1")).findFirst().orElseThrow();
    assertThat(r1.getString("status")).isEqualTo("granted_pending_confirmation");

    String confirm = "/api/v1/survivors/" + id + "/consents/r1/confirm";
    var confirmed = await(voz.client.post(confirm).bearerTokenAuthentication(VozHarness.ADMIN).send());
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.bodyAsJsonObject().getString("status")).isEqualTo("granted");
    assertThat(await(voz.client.post(confirm).bearerTokenAuthentication(VozHarness.ADMIN).send()).statusCode()).isEqualTo(409);
    JsonObject history = get("/api/v1/survivors/" + id + "/consents/history");
    assertThat(history.getJsonObject("chain").getBoolean("valid")).isTrue();
    assertThat(history.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
        .containsSubsequence("consent.proposed", "consent.granted_pending_confirmation", "consent.granted");
  }

  @Test
  @DisplayName("with alerts.notifyCaseManager the case manager's own phone hears of the alert, and nothing about the survivor")
  @VozConfig("alerts.notifyCaseManager=true")
  void caseManagerNotified() throws Exception {
    String cmPhone = "+50255555799";
    var staff = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(StaffJson.of("cm-notified", "case_manager").name("Ana").contact("sms", cmPhone).json()));
    assertThat(staff.statusCode()).isEqualTo(201);
    String phone = "+50255555701";
    var enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(EnrolmentJson.standard("cm-notified", "es", "sms", phone).caseRef("GT-N").json()));
    assertThat(enrolled.statusCode()).isEqualTo(201);
    converse(phone, "hola", "4821", "2", "1", "1");
    waitFor(() -> !bodiesTo(cmPhone).isEmpty(), Duration.ofSeconds(10));
    String note = bodiesTo(cmPhone).get(0);
    assertThat(note).contains("consent.revoked").contains("reference")
        .doesNotContain("GT-N").doesNotContain("55555701").doesNotContainIgnoringCase("esperanza");
  }

  @Test
  @DisplayName("the duress PIN opens an empty conversation and silently tells the case manager")
  void duressPin() throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    String phone = "+50255555501";
    var enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(EnrolmentJson.standard(cm, "es", "sms", phone).caseRef("GT-D").duressPin("7365").json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    List<String> replies = converse(phone, "hola", "7365", "1");
    assertThat(String.join("\n", replies)).doesNotContainIgnoringCase("esperanza").doesNotContain("GT-D");
    waitFor(() -> !alertsOfType("duress").isEmpty(), Duration.ofSeconds(10));
    assertThat(alertsOfType("duress").get(0).getString("survivorId")).isEqualTo(id);
    assertThat(get("/api/v1/survivors/" + id + "/consents").getJsonArray("consents").getJsonObject(0).getString("status"))
        .isEqualTo("granted");

    var same = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(EnrolmentJson.of(cm).caseRef("GT-E").sms("+50255555502").duressPin("4821").json()));
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.bodyAsJsonObject().getString("field")).isEqualTo("duressPin");
  }

  @Test
  @DisplayName("with the alert webhook failing five times, the revocation still arrives, as one alert id")
  void alertSurvivesOutage() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/alerts")).inScenario("flaky").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("f1"));
    for (int i = 1; i < 5; i++) {
      stub.stubFor(post(urlPathEqualTo("/alerts")).inScenario("flaky").whenScenarioStateIs("f" + i)
          .willReturn(aResponse().withStatus(i % 2 == 0 ? 503 : 500)).willSetStateTo("f" + (i + 1)));
    }
    stub.stubFor(post(urlPathEqualTo("/alerts")).inScenario("flaky").whenScenarioStateIs("f5")
        .willReturn(aResponse().withStatus(200)));
    String phone = "+50255555101";
    await(voz.enrol(phone, "es", "4821"));
    converse(phone, "hola", "4821", "2", "1", "1");
    waitFor(() -> alertsOfType("consent.revoked").size() >= 6, Duration.ofSeconds(20));
    assertThat(alertsOfType("consent.revoked").stream().map(a -> a.getString("id")).distinct()).hasSize(1);
  }

  @Test
  @DisplayName("a request is granted by one survivor and declined by another, each with a receipt and an alert")
  void grantAndDecline() throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    String token = await(voz.createStaff(cm, "case_manager"));
    String[] phones = {"+50255555201", "+50255555202"};
    String[] ids = new String[2];
    for (int i = 0; i < 2; i++) {
      var enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token)
          .sendJsonObject(EnrolmentJson.of(cm).caseRef("GT-" + i).language("en").sms(phones[i]).json()));
      ids[i] = enrolled.bodyAsJsonObject().getString("id");
      var proposed = await(voz.client.post("/api/v1/survivors/" + ids[i] + "/consents").bearerTokenAuthentication(token)
          .sendJsonObject(ConsentJson.medical("r1", "pending").json()));
      assertThat(proposed.statusCode()).isEqualTo(201);
      int index = i;
      waitFor(() -> bodiesTo(phones[index]).size() == 1, Duration.ofSeconds(10)); // the nudge
    }
    List<String> granted = converse(phones[0], "4821", "1");
    List<String> declined = converse(phones[1], "4821", "2");
    assertThat(granted.get(0)).contains("1.").contains("2.").contains("3.");
    assertThat(declined.get(1)).isNotEqualTo(granted.get(1));

    assertThat(get("/api/v1/survivors/" + ids[0] + "/consents").getJsonArray("consents").getJsonObject(0).getString("status"))
        .isEqualTo("granted");
    assertThat(get("/api/v1/survivors/" + ids[1] + "/consents").getJsonArray("consents").getJsonObject(0).getString("status"))
        .isEqualTo("declined");
    for (String id : ids) {
      JsonObject history = get("/api/v1/survivors/" + id + "/consents/history");
      assertThat(history.getJsonObject("chain").getBoolean("valid")).isTrue();
      assertThat(history.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
          .startsWith("consent.proposed");
    }
    waitFor(() -> alertsOfType("consent.granted").size() == 1 && alertsOfType("consent.declined").size() == 1,
        Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("a tampered ledger event is detected by the history and by `voz ledger verify`")
  void tamperDetected() throws Exception {
    String phone = "+50255555301";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    converse(phone, "hola", "4821", "2", "1", "1");
    Keys keys = new Keys(voz.prefix, voz.voz.config().redis().partitions());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(await(LedgerCli.verify(voz.redis, keys, voz.keyring, new PrintStream(out)))).isZero();

    // someone with Redis and the data key rewrites the revocation as a grant
    String ledgerKey = keys.ledger(keys.partitionOf(survivorId), survivorId);
    var entries = voz.redis.commands().xrange(ledgerKey, Range.create("-", "+")).get(5, TimeUnit.SECONDS);
    org.voz.crypto.Sealer sealer = await(voz.survivors().sealer(survivorId));
    for (var entry : entries) {
      voz.redis.commands().xdel(ledgerKey, entry.getId()).get(5, TimeUnit.SECONDS);
    }
    for (var entry : entries) {
      JsonObject event = new JsonObject(sealer.open(org.voz.store.Aad.ledger(survivorId), entry.getBody().get("event")));
      if (event.getString("type").equals("consent.revoked")) {
        event.put("to", "granted");
      }
      voz.redis.commands().xadd(ledgerKey, java.util.Map.of("event", sealer.seal(org.voz.store.Aad.ledger(survivorId), event.encode()))).get(5, TimeUnit.SECONDS);
    }

    JsonObject chain = get("/api/v1/survivors/" + survivorId + "/consents/history").getJsonObject("chain");
    assertThat(chain.getBoolean("valid")).isFalse();
    assertThat(chain.getInteger("brokenAt")).as("the enrolment event holds; the rewritten revocation does not").isEqualTo(1);
    out.reset();
    assertThat(await(LedgerCli.verify(voz.redis, keys, voz.keyring, new PrintStream(out)))).isEqualTo(1);
    assertThat(out.toString()).contains("BROKEN");
  }
}
