package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.StaffJson;

/**
 * Risk levels end to end: what a high-risk survivor is sent on Voz's own initiative (nothing, until the case manager
 * sends the notice) beside a low-risk one (a consent request's notice, a file request's news, a campaign invitation);
 * the rules of a level through the staff API (a minor is high, a duress PIN at high, a reason for a change, the
 * supervisors' alert); alerts about a high-risk survivor urgent and on the case manager's phone.
 */
@VozTest
@VozClock(RiskLevelsTest.START_TEXT)
@VozConfig({"feedback.invitations.every=PT1H", "feedback.invitations.perSecond=1000"})
@DisplayName("Risk levels: nothing proactive at high while low gets it, the level's rules, urgent alerts")
class RiskLevelsTest {

  // inside the default contact hours (08:00-20:00) in the survivors' time zone, their +502 numbers': 10:00 in Guatemala
  static final String START_TEXT = "2026-12-01T16:00:00Z";
  private static final Instant START = Instant.parse(START_TEXT);
  private static final String NUDGE = "Tienes un mensaje nuevo. Responde con tu PIN para leerlo.";
  /** Long enough for several outbox sweeps (outbox.sweepInterval 0.5 s): a message held back would have gone by then. */
  private static final Duration QUIET = Duration.ofMillis(1500);

  private VozHarness voz;
  private WireMockServer stub;
  private MutableClock clock;
  private String cm;
  private String cmToken;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    cmToken = await(voz.createStaff(cm, "case_manager"));
  }

  private HttpResponse<Buffer> enrol(EnrolmentJson json) throws Exception {
    return await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cmToken).sendJsonObject(json.json()));
  }

  private String enrolled(EnrolmentJson json) throws Exception {
    HttpResponse<Buffer> response = enrol(json);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private EnrolmentJson survivor(String phone) {
    return EnrolmentJson.standard(cm, "es", "sms", phone).caseRef("GT-" + phone.substring(phone.length() - 4))
        .feedback(new JsonObject().put("acceptsRequests", true).put("programme", "shelter"));
  }

  private HttpResponse<Buffer> patch(String id, JsonObject body) throws Exception {
    return await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken).sendJsonObject(body));
  }

  /** Sends each text and waits for its reply; returns the replies. */
  private List<String> converse(String phone, String... texts) throws Exception {
    return Stubs.converse(voz, stub, phone, texts);
  }

  /** Waits until nothing more arrives for {@code phone} (a long reply goes in several parts): the count then. */
  private int settled(String phone) {
    for (int tries = 0; ; tries++) {
      int n = Stubs.bodiesTo(stub, phone).size();
      try {
        holdsFor(QUIET, () -> Stubs.bodiesTo(stub, phone).size() == n);
        return n;
      } catch (RuntimeException stillArriving) {
        if (tries > 10) {
          throw stillArriving;
        }
      }
    }
  }

  private List<JsonObject> alerts(String type) {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(a -> a.getString("type").equals(type)).toList();
  }

  /** The low-risk survivor gets exactly one more message, the nudge; the high-risk one nothing. */
  private void onlyLowNudged(String low, String high, int lowBefore, int highBefore, String what) {
    waitFor(() -> Stubs.bodiesTo(stub, low).size() > lowBefore, Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, low).subList(lowBefore, Stubs.bodiesTo(stub, low).size())).as(what + " at low")
        .containsExactly(NUDGE);
    try {
      holdsFor(QUIET, () -> Stubs.bodiesTo(stub, high).size() == highBefore);
    } catch (RuntimeException e) {
      throw new AssertionError(what + " at high: " + Stubs.bodiesTo(stub, high).subList(highBefore, Stubs.bodiesTo(stub, high).size()), e);
    }
  }

  @Test
  @DisplayName("a consent request's notice, a file request's news and a campaign invitation reach the low-risk survivor only; "
      + "the case manager's notice reaches the high-risk one")
  void nothingProactiveAtHigh() throws Exception {
    String lowPhone = "+50255591001";
    String highPhone = "+50255591002";
    String low = enrolled(survivor(lowPhone));
    String high = enrolled(survivor(highPhone).riskLevel("high").duressPin("7365"));

    // each asks for a copy of their file in the chat (their own conversation: answered, whatever the level)
    for (String phone : List.of(lowPhone, highPhone)) {
      List<String> replies = converse(phone, "hola", "4821", "documentos", "1", "copia", "2", "Para la visa", "salir");
      assertThat(replies.get(6)).contains("R-");
    }

    // 1. a consent request
    int lowBefore = settled(lowPhone);
    int highBefore = settled(highPhone);
    for (String id : List.of(low, high)) {
      HttpResponse<Buffer> asked = await(voz.client.post("/api/v1/survivors/" + id + "/consents")
          .bearerTokenAuthentication(cmToken).sendJsonObject(ConsentJson.medical("c2", "pending").json()));
      assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(201);
    }
    onlyLowNudged(lowPhone, highPhone, lowBefore, highBefore, "a consent request's notice");

    // 2. a file request's news (a conversation a nudge opened is over after the idle timeout)
    clock.advance(Duration.ofMinutes(20));
    lowBefore = Stubs.bodiesTo(stub, lowPhone).size();
    JsonArray requests = await(voz.client.get("/api/v1/requests").bearerTokenAuthentication(cmToken).send())
        .bodyAsJsonObject().getJsonArray("requests");
    assertThat(requests).hasSize(2);
    for (Object r : requests) {
      HttpResponse<Buffer> changed = await(voz.client.patch("/api/v1/requests/" + ((JsonObject) r).getString("id"))
          .bearerTokenAuthentication(cmToken).sendJsonObject(new JsonObject().put("status", "in_progress")));
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    }
    onlyLowNudged(lowPhone, highPhone, lowBefore, highBefore, "a file request's news");

    // 3. a campaign: the high-risk survivor is not invited at all
    clock.advance(Duration.ofMinutes(20));
    lowBefore = Stubs.bodiesTo(stub, lowPhone).size();
    String coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
    HttpResponse<Buffer> created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "exit-risk").put("surveyId", "exit")
            .put("startAt", clock.instant().minusSeconds(60).toString())
            .put("closesAt", clock.instant().plus(Duration.ofDays(10)).toString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).as("invited").isEqualTo(1);
    onlyLowNudged(lowPhone, highPhone, lowBefore, highBefore, "a campaign invitation");

    // the case manager sends the notice on purpose: it goes; the ledger records it
    HttpResponse<Buffer> notice = await(voz.client.post("/api/v1/survivors/" + high + "/notice")
        .bearerTokenAuthentication(cmToken).send());
    assertThat(notice.statusCode()).as(notice.bodyAsString()).isEqualTo(202);
    waitFor(() -> Stubs.bodiesTo(stub, highPhone).size() > highBefore, Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, highPhone).subList(highBefore, Stubs.bodiesTo(stub, highPhone).size()))
        .containsExactly(NUDGE);
    JsonArray events = await(voz.client.get("/api/v1/survivors/" + high + "/consents/history")
        .bearerTokenAuthentication(cmToken).send()).bodyAsJsonObject().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type"))).contains("notice.sent", "risk.changed");
    // the conversation waits at the PIN now: a second notice finds them in it
    HttpResponse<Buffer> again = await(voz.client.post("/api/v1/survivors/" + high + "/notice")
        .bearerTokenAuthentication(cmToken).send());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("in_conversation");
  }

  @Test
  @DisplayName("a minor is high: a lower level is refused at enrolment (400) and by PATCH (409); high needs a duress PIN; "
      + "a change needs its reason; a date of birth must be one")
  void minorIsHigh() throws Exception {
    String child = LocalDate.ofInstant(START, ZoneOffset.UTC).minusYears(15).toString();
    HttpResponse<Buffer> lower = enrol(survivor("+50255592001").dateOfBirth(child).riskLevel("medium").duressPin("7365"));
    assertThat(lower.statusCode()).isEqualTo(400);
    assertThat(lower.bodyAsJsonObject().getString("error")).isEqualTo("below_risk_floor");
    assertThat(lower.bodyAsJsonObject().getString("field")).isEqualTo("riskLevel");
    HttpResponse<Buffer> noDuress = enrol(survivor("+50255592001").dateOfBirth(child));
    assertThat(noDuress.statusCode()).isEqualTo(400);
    assertThat(noDuress.bodyAsJsonObject().getString("error")).isEqualTo("required_by_risk_level");
    assertThat(noDuress.bodyAsJsonObject().getString("field")).isEqualTo("duressPin");
    HttpResponse<Buffer> future = enrol(survivor("+50255592001").dateOfBirth("2030-01-01"));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.bodyAsJsonObject().getString("field")).isEqualTo("dateOfBirth");

    String id = enrolled(survivor("+50255592001").dateOfBirth(child).duressPin("7365"));
    // a supervisor hears of a record enrolled at high
    waitFor(() -> alerts("risk.raised").stream().anyMatch(a -> id.equals(a.getString("survivorId"))), Duration.ofSeconds(10));

    HttpResponse<Buffer> lowered = patch(id, new JsonObject().put("riskLevel", "low").put("riskReason", "Lives with her aunt"));
    assertThat(lowered.statusCode()).isEqualTo(409);
    assertThat(lowered.bodyAsJsonObject().getString("error")).isEqualTo("below_risk_floor");
    assertThat(lowered.bodyAsJsonObject().getString("field")).isEqualTo("riskLevel");
    HttpResponse<Buffer> noReason = patch(id, new JsonObject().put("riskLevel", "high"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsJsonObject().getString("field")).isEqualTo("riskReason");

    // once the date of birth is corrected to an adult's, the level can come down (with a reason)
    HttpResponse<Buffer> corrected = patch(id, new JsonObject().put("dateOfBirth", "1990-04-17"));
    assertThat(corrected.statusCode()).as(corrected.bodyAsString()).isEqualTo(200);
    assertThat(corrected.bodyAsJsonObject().getString("riskLevel")).as("stored high: stays until lowered").isEqualTo("high");
    HttpResponse<Buffer> down = patch(id, new JsonObject().put("riskLevel", "low").put("riskReason", "Date of birth corrected"));
    assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(200);
    assertThat(down.bodyAsJsonObject().getString("riskLevel")).isEqualTo("low");
    assertThat(down.bodyAsJsonObject().getString("dateOfBirth")).isEqualTo("1990-04-17");
  }

  @Test
  @DisplayName("raised to high with a reason: risk.changed in the ledger, risk.raised for admins only, urgent; an interpreter "
      + "need is at least medium; medium needs a contact window at enrolment")
  void raisedToHigh() throws Exception {
    String id = enrolled(survivor("+50255593001"));
    HttpResponse<Buffer> interpreter = patch(id, new JsonObject().put("needsInterpreter", true));
    assertThat(interpreter.statusCode()).as(interpreter.bodyAsString()).isEqualTo(200);
    assertThat(interpreter.bodyAsJsonObject().getString("riskLevel")).isEqualTo("medium");
    assertThat(patch(id, new JsonObject().put("riskLevel", "low").put("riskReason", "x")).statusCode()).isEqualTo(409);

    String reason = "Un familiar conoce su dirección";
    HttpResponse<Buffer> raised = patch(id, new JsonObject().put("riskLevel", "high").put("riskReason", reason));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(200);
    assertThat(raised.bodyAsJsonObject().getString("riskLevel")).isEqualTo("high");

    JsonArray events = await(voz.client.get("/api/v1/survivors/" + id + "/consents/history")
        .bearerTokenAuthentication(cmToken).send()).bodyAsJsonObject().getJsonArray("events");
    List<JsonObject> changes = events.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("risk.changed")).toList();
    assertThat(changes).extracting(e -> e.getString("from") + ">" + e.getString("to"))
        .containsExactly("low>medium", "medium>high");
    assertThat(changes.get(1).getString("reason")).isEqualTo(reason);

    waitFor(() -> alerts("risk.raised").stream().anyMatch(a -> id.equals(a.getString("survivorId"))), Duration.ofSeconds(10));
    JsonObject alert = alerts("risk.raised").stream().filter(a -> id.equals(a.getString("survivorId"))).findFirst().orElseThrow();
    assertThat(alert.getString("audience")).isEqualTo("admin");
    assertThat(alert.getString("from")).isEqualTo("medium");
    assertThat(alert.getString("to")).isEqualTo("high");
    assertThat(alert.getBoolean("urgent")).isTrue();
    assertThat(alert.encode()).doesNotContain(reason);
    JsonArray mine = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(cmToken).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(mine.stream().map(a -> ((JsonObject) a).getString("type"))).doesNotContain("risk.raised");
    JsonArray admins = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(admins.stream().map(a -> ((JsonObject) a).getString("type"))).contains("risk.raised");

    HttpResponse<Buffer> medium = enrol(survivor("+50255593002").riskLevel("medium"));
    assertThat(medium.statusCode()).isEqualTo(400);
    assertThat(medium.bodyAsJsonObject().getString("field")).isEqualTo("contactWindow");
    assertThat(enrol(survivor("+50255593002").riskLevel("medium").contactWindow(new JsonObject()
        .put("timezone", "America/Guatemala").put("from", "08:00").put("to", "20:00"))).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("an alert about a high-risk survivor is urgent and also reaches the case manager's phone; a low-risk one's neither")
  void urgentAlerts() throws Exception {
    String cmPhone = "+50255594999";
    String staffed = "cm-ph-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<Buffer> staff = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(StaffJson.of(staffed, "case_manager").name("Ana").contact("sms", cmPhone).json()));
    assertThat(staff.statusCode()).isEqualTo(201);
    cmToken = staff.bodyAsJsonObject().getString("token");
    cm = staffed;
    String lowPhone = "+50255594001";
    String highPhone = "+50255594002";
    String low = enrolled(survivor(lowPhone));
    String high = enrolled(survivor(highPhone).riskLevel("high").duressPin("7365"));
    // the enrolment at high told the admins (not the case manager's phone)
    waitFor(() -> alerts("risk.raised").stream().anyMatch(a -> high.equals(a.getString("survivorId"))), Duration.ofSeconds(10));
    holdsFor(QUIET, () -> Stubs.bodiesTo(stub, cmPhone).isEmpty());

    converse(lowPhone, "STOP");
    waitFor(() -> alerts("contact.opted_out").stream().anyMatch(a -> low.equals(a.getString("survivorId"))), Duration.ofSeconds(10));
    assertThat(alerts("contact.opted_out").get(0).getBoolean("urgent")).isFalse();
    holdsFor(QUIET, () -> Stubs.bodiesTo(stub, cmPhone).isEmpty());
    assertThat(Stubs.bodiesTo(stub, cmPhone)).as("alerts.notifyCaseManager is off: no note for a low-risk survivor").isEmpty();

    converse(highPhone, "STOP");
    waitFor(() -> alerts("contact.opted_out").stream().anyMatch(a -> high.equals(a.getString("survivorId"))), Duration.ofSeconds(10));
    JsonObject alert = alerts("contact.opted_out").stream().filter(a -> high.equals(a.getString("survivorId")))
        .findFirst().orElseThrow();
    assertThat(alert.getBoolean("urgent")).isTrue();
    waitFor(() -> !Stubs.bodiesTo(stub, cmPhone).isEmpty(), Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, cmPhone)).hasSize(1);
    assertThat(Stubs.bodiesTo(stub, cmPhone).get(0)).contains("contact.opted_out").doesNotContain("91002")
        .doesNotContain("GT-");
  }
}
