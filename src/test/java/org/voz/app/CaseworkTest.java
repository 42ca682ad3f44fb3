package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import org.voz.testing.EnrolmentJson;
import org.voz.testing.ConsentJson;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Conversations;

@VozTest
@DisplayName("Casework: consent requests, history, alerts and PIN resets over real HTTP and Redis")
class CaseworkTest {

  private static final String MESSAGES = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json";

  private WireMockServer stub;

  private VozHarness voz;
  private final Conversations conversations = Conversations.load(java.nio.file.Path.of("conversations"));

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  /** A case manager with one enrolled survivor: {token, survivorId}. */
  private String[] caseload(String phone) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    String token = await(voz.createStaff(cm, "case_manager"));
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token)
        .sendJsonObject(EnrolmentJson.of(cm).caseRef("GT-1").language("es").sms(phone).json()));
    assertThat(enrolled.statusCode()).isEqualTo(201);
    return new String[] {token, enrolled.bodyAsJsonObject().getString("id")};
  }

  private static JsonObject request(String id, String status) {
    return ConsentJson.medical(id, status).json();
  }

  private HttpResponse<Buffer> propose(String token, String survivorId, JsonObject consent) throws Exception {
    return await(voz.client.post("/api/v1/survivors/" + survivorId + "/consents").bearerTokenAuthentication(token)
        .sendJsonObject(consent));
  }

  private List<String> bodiesTo(String phone) {
    return Stubs.bodiesTo(stub, phone);
  }

  @Test
  @DisplayName("a consent request is stored pending, recorded in the history, and the survivor gets a neutral nudge that the PIN answers")
  void requestNudgesSurvivor() throws Exception {
    String phone = "+50255553001";
    String[] cm = caseload(phone);
    HttpResponse<Buffer> created = propose(cm[0], cm[1], request("c9", "pending"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("status")).isEqualTo("pending");

    String nudge = conversations.systemText("nudge", "es");
    waitFor(() -> bodiesTo(phone).contains(nudge), Duration.ofSeconds(10));
    assertThat(nudge).doesNotContainIgnoringCase("consent").doesNotContainIgnoringCase("permiso");

    JsonArray consents = await(voz.client.get("/api/v1/survivors/" + cm[1] + "/consents").bearerTokenAuthentication(cm[0]).send())
        .bodyAsJsonObject().getJsonArray("consents");
    assertThat(consents.getJsonObject(0).getString("status")).isEqualTo("pending");

    JsonArray events = await(voz.client.get("/api/v1/survivors/" + cm[1] + "/consents/history").bearerTokenAuthentication(cm[0]).send())
        .bodyAsJsonObject().getJsonArray("events");
    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("type")).isEqualTo("consent.proposed");
    assertThat(events.getJsonObject(0).getString("consentId")).isEqualTo("c9");
    assertThat(events.getJsonObject(0).getString("actor")).startsWith("staff:cm-");

    // the nudge opened the conversation at the PIN: the PIN itself is the answer
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    waitFor(() -> bodiesTo(phone).size() >= 2, Duration.ofSeconds(10));
    assertThat(bodiesTo(phone).get(1)).doesNotContain(conversations.systemText("wrong_pin", "es"));
  }

  @Test
  @DisplayName("bad requests: not pending, no until, a taken id, someone else's survivor, an unknown survivor")
  void badRequests() throws Exception {
    String[] cm = caseload("+50255553002");
    String[] other = caseload("+50255553003");
    HttpResponse<Buffer> granted = propose(cm[0], cm[1], request("c1", "granted"));
    assertThat(granted.statusCode()).isEqualTo(400);
    assertThat(granted.bodyAsJsonObject().getString("field")).isEqualTo("status");
    HttpResponse<Buffer> noUntil = propose(cm[0], cm[1], request("c1", "pending").putNull("until"));
    assertThat(noUntil.statusCode()).isEqualTo(400);
    assertThat(noUntil.bodyAsJsonObject().getString("field")).isEqualTo("until");
    assertThat(propose(cm[0], cm[1], request("c1", "pending").put("extra", 1)).statusCode()).isEqualTo(400);
    assertThat(propose(cm[0], cm[1], request("c1", "pending")).statusCode()).isEqualTo(201);
    assertThat(propose(cm[0], cm[1], request("c1", "pending")).statusCode()).isEqualTo(409);
    HttpResponse<Buffer> samePurpose = propose(cm[0], cm[1], request("c7", "pending"));
    assertThat(samePurpose.statusCode()).as("one item per recipient and purpose").isEqualTo(409);
    assertThat(samePurpose.bodyAsJsonObject().getString("field")).isEqualTo("purpose");
    assertThat(propose(other[0], cm[1], request("c2", "pending")).statusCode()).isEqualTo(403);
    assertThat(propose(cm[0], "nobody", request("c2", "pending")).statusCode()).isEqualTo(404);
    assertThat(await(voz.client.get("/api/v1/survivors/" + cm[1] + "/consents/history").bearerTokenAuthentication(other[0]).send())
        .statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a staff change and the survivor's messages at the same moment all apply")
  void staffAndSurvivorConcurrently() throws Exception {
    String phone = "+50255553004";
    String[] cm = caseload(phone);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(voz.sms(phone, "hola " + i, VozHarness.newSid()));
      all.add(voz.client.post("/api/v1/survivors/" + cm[1] + "/consents").bearerTokenAuthentication(cm[0])
          .sendJsonObject(request("r" + i, "pending").put("purpose", "purpose-" + i)));
    }
    await(Future.all(all));
    JsonArray consents = await(voz.client.get("/api/v1/survivors/" + cm[1] + "/consents").bearerTokenAuthentication(cm[0]).send())
        .bodyAsJsonObject().getJsonArray("consents");
    assertThat(consents).hasSize(6);
    var session = await(new org.voz.store.SessionStore(voz.redis,
        new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions()), Duration.ofDays(1))
        .load(new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions()).partitionOf(cm[1]), cm[1]));
    assertThat(voz.session(cm[1], session).turns()).isEqualTo(6);
  }

  @Test
  @DisplayName("a lockout alert is listed for its case manager only, acknowledged once, and a PIN reset unlocks")
  void alertsAndPinReset() throws Exception {
    String phone = "+50255553005";
    String[] cm = caseload(phone);
    String[] other = caseload("+50255553006");
    await(voz.sms(phone, "hola", VozHarness.newSid()));
    for (int i = 0; i < 5; i++) {
      await(voz.sms(phone, "111" + i, VozHarness.newSid()));
    }
    JsonArray mine = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(cm[0]).send()).bodyAsJsonObject().getJsonArray("alerts");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("type")).isEqualTo("pin.locked");
    assertThat(mine.getJsonObject(0).getString("survivorId")).isEqualTo(cm[1]);
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(other[0]).send()).bodyAsJsonObject().getJsonArray("alerts")).isEmpty();
    String alertId = mine.getJsonObject(0).getString("id");
    assertThat(await(voz.client.post("/api/v1/alerts/" + alertId + "/ack").bearerTokenAuthentication(other[0]).send()).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.post("/api/v1/alerts/" + alertId + "/ack").bearerTokenAuthentication(cm[0]).send()).statusCode()).isEqualTo(200);
    assertThat(await(voz.client.post("/api/v1/alerts/" + alertId + "/ack").bearerTokenAuthentication(cm[0]).send()).statusCode()).isEqualTo(404);
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(cm[0]).send()).bodyAsJsonObject().getJsonArray("alerts")).isEmpty();

    String locked = conversations.systemText("locked", "es");
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    waitFor(() -> bodiesTo(phone).stream().filter(locked::equals).count() >= 2, Duration.ofSeconds(10));

    HttpResponse<Buffer> reset = await(voz.client.post("/api/v1/survivors/" + cm[1] + "/pin").bearerTokenAuthentication(cm[0])
        .sendJsonObject(new JsonObject().put("pin", "7777")));
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(await(voz.client.post("/api/v1/survivors/" + cm[1] + "/pin").bearerTokenAuthentication(cm[0])
        .sendJsonObject(new JsonObject().put("pin", "77"))).statusCode()).isEqualTo(400);
    int before = bodiesTo(phone).size();
    await(voz.sms(phone, "hola", VozHarness.newSid()));
    await(voz.sms(phone, "7777", VozHarness.newSid()));
    waitFor(() -> bodiesTo(phone).size() >= before + 2, Duration.ofSeconds(10));
    List<String> bodies = bodiesTo(phone);
    assertThat(bodies.get(bodies.size() - 1)).isNotEqualTo(locked).isNotEqualTo(conversations.systemText("wrong_pin", "es"));
  }
}
