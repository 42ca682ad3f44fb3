package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.app.TwilioFlowTest.await;
import static org.voz.app.TwilioFlowTest.waitFor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Twilio status callbacks back to the outbox entry: a lost receipt or alert note raises delivery.failed")
class TwilioDeliveryFailureTest {

  private static final String STATUS = "/webhooks/twilio/status";
  private static final String RECEIPT_SID = "SM" + "7e".repeat(16);
  private static final String NOTE_SID = "SM" + "a1".repeat(16);

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true)
      .build();

  private VozHarness voz;

  @AfterEach
  void stop() {
    if (voz != null) {
      voz.voz.stopTimers();
    }
  }

  @Test
  @DisplayName("an undelivered receipt raises delivery.failed once, with ids only; other failures raise nothing")
  void undeliveredReceipt(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    stub.stubFor(post(urlPathMatching(Stubs.MESSAGES)).atPriority(1).withRequestBody(containing("Recibo"))
        .willReturn(created(RECEIPT_SID)));
    voz = await(VozHarness.start(vertx, stub.baseUrl()));
    String phone = newPhone();
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    converse(phone, "hola", "4821", "2", "1", "1");
    waitFor(() -> remembered(RECEIPT_SID), Duration.ofSeconds(10)); // right after Twilio answered the send

    // the PIN prompt (an untracked message) failing raises nothing
    assertThat(await(signedStatus(status("SM00000000000000000000000000000001", phone, "failed", "30003"))).statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 2; i++) { // Twilio may report it twice; it is acted on once
      assertThat(await(signedStatus(status(RECEIPT_SID, phone, "undelivered", "30003"))).statusCode()).isEqualTo(200);
    }

    waitFor(() -> !alertsOfType("delivery.failed").isEmpty(), Duration.ofSeconds(10));
    Thread.sleep(500);
    List<JsonObject> failed = alertsOfType("delivery.failed");
    assertThat(failed).hasSize(1);
    JsonObject alert = failed.get(0);
    assertThat(alert.getString("survivorId")).isEqualTo(survivorId);
    assertThat(alert.getString("failed")).isEqualTo("receipt");
    assertThat(alert.getString("status")).isEqualTo("undelivered");
    assertThat(alert.getString("errorCode")).isEqualTo("30003");
    assertThat(alert.getString("outboxId")).isNotBlank();
    assertThat(alert.encode()).doesNotContain(phone.substring(1)).doesNotContain("Recibo").doesNotContain(RECEIPT_SID);

    JsonArray listed = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(listed.stream().map(a -> ((JsonObject) a).getString("type"))).contains("delivery.failed");
  }

  @Test
  @DisplayName("a failed alert note to the case manager's phone raises delivery.failed, and no note about that note")
  void failedAlertNote(Vertx vertx) throws Exception {
    String cmPhone = newPhone();
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    stub.stubFor(post(urlPathMatching(Stubs.MESSAGES)).atPriority(1).withRequestBody(containing(cmPhone.substring(1)))
        .willReturn(created(NOTE_SID)));
    voz = await(VozHarness.start(vertx, stub.baseUrl(), Map.of("alerts.notifyCaseManager", "true")));
    String cm = "cm-" + ThreadLocalRandom.current().nextInt(1_000_000);
    assertThat(await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", cm).put("role", "case_manager").put("name", "Ana")
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", cmPhone)))))
        .statusCode()).isEqualTo(201);
    String phone = newPhone();
    assertThat(await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-F").put("language", "es").put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821")
            .put("consents", new JsonArray().add(new JsonObject().put("id", "c1").put("data", "case-notes")
                .put("recipient", "shelter-casa-esperanza").put("purpose", "referral").put("until", "2027-06-30")
                .put("status", "granted"))))).statusCode()).isEqualTo(201);
    converse(phone, "hola", "4821", "2", "1", "1");
    waitFor(() -> remembered(NOTE_SID), Duration.ofSeconds(10));

    assertThat(await(signedStatus(status(NOTE_SID, cmPhone, "failed", "30006"))).statusCode()).isEqualTo(200);

    waitFor(() -> !alertsOfType("delivery.failed").isEmpty(), Duration.ofSeconds(10));
    JsonObject alert = alertsOfType("delivery.failed").get(0);
    assertThat(alert.getString("failed")).isEqualTo("alert_note");
    assertThat(alert.getString("caseManager")).isEqualTo(cm);
    Thread.sleep(500);
    assertThat(Stubs.bodiesTo(stub, cmPhone)).hasSize(1);
  }

  @Test
  @DisplayName("a status that comes before the message is remembered raises the alert when tried again; a repeat raises no second")
  void statusBeforeRemembered(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    voz = await(VozHarness.start(vertx, stub.baseUrl()));
    String phone = newPhone();
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    String sid = "SM" + "c3".repeat(16);

    assertThat(await(signedStatus(status(sid, phone, "undelivered", "30003"))).statusCode()).isEqualTo(200);
    Thread.sleep(500); // the first look found nothing
    assertThat(alertsOfType("delivery.failed")).isEmpty();
    remember(sid, survivorId, "entry-early");

    waitFor(() -> !alertsOfType("delivery.failed").isEmpty(), Duration.ofSeconds(10));
    assertThat(alertsOfType("delivery.failed")).singleElement()
        .satisfies(alert -> assertThat(alert.getString("outboxId")).isEqualTo("entry-early"));
    waitFor(() -> !remembered(sid), Duration.ofSeconds(5)); // forgotten once the alert is committed

    // as if forgetting had failed: the same status again commits nothing more
    remember(sid, survivorId, "entry-early");
    assertThat(await(signedStatus(status(sid, phone, "undelivered", "30003"))).statusCode()).isEqualTo(200);
    waitFor(() -> !remembered(sid), Duration.ofSeconds(10));
    Thread.sleep(500);
    assertThat(alertsOfType("delivery.failed")).hasSize(1);
  }

  @Test
  @DisplayName("when the alert cannot be committed the record is kept, and the alert raised when tried again")
  void failedCommitKeepsRecord(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    voz = await(VozHarness.start(vertx, stub.baseUrl()));
    String phone = newPhone();
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    String sid = "SM" + "d4".repeat(16);
    remember(sid, "no-such-survivor", "entry-kept"); // the commit fails: no such survivor

    assertThat(await(signedStatus(status(sid, phone, "failed", "30006"))).statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(remembered(sid)).isTrue();
    assertThat(alertsOfType("delivery.failed")).isEmpty();

    remember(sid, survivorId, "entry-kept"); // whatever failed is over before the second try
    waitFor(() -> !alertsOfType("delivery.failed").isEmpty(), Duration.ofSeconds(10));
    assertThat(alertsOfType("delivery.failed")).singleElement().satisfies(alert -> {
      assertThat(alert.getString("outboxId")).isEqualTo("entry-kept");
      assertThat(alert.getString("survivorId")).isEqualTo(survivorId);
    });
    waitFor(() -> !remembered(sid), Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("with deleteBodiesAfterDelivery an inbound message is deleted at Twilio after its answer, never before")
  void inboundDeleted(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    stub.stubFor(delete(urlPathMatching("/2010-04-01/Accounts/.*/Messages/SM[0-9a-f]{32}\\.json"))
        .willReturn(aResponse().withStatus(204)));
    voz = await(VozHarness.start(vertx, stub.baseUrl(), Map.of("twilio.deleteBodiesAfterDelivery", "true")));
    String phone = newPhone();
    await(voz.enrol(phone, "es", "4821"));
    String sid = VozHarness.newSid();

    assertThat(await(voz.sms(phone, "4821", sid)).statusCode()).isEqualTo(200);
    String path = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages/" + sid + ".json";
    assertThat(stub.findAll(deleteRequestedFor(urlPathEqualTo(path)))).isEmpty();
    waitFor(() -> stub.findAll(deleteRequestedFor(urlPathEqualTo(path))).size() == 1, Duration.ofSeconds(15));
  }

  // --- helpers ---

  /** Records, as the sender does after Twilio answered, that {@code sid} was a receipt of {@code survivorId}. */
  private void remember(String sid, String survivorId, String entryId) throws Exception {
    org.voz.store.Keys keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
    await(new org.voz.store.SentMessages(voz.redis, keys, Duration.ofHours(1))
        .remember(List.of(sid), new org.voz.store.SentMessages.Sent(org.voz.store.OutboxEntry.Kind.REPLY, entryId, survivorId, "")));
  }

  /** Whether Voz remembers which outbox entry {@code sid} came from. */
  private boolean remembered(String sid) {
    org.voz.store.Keys keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
    try {
      return await(voz.redis.future(voz.redis.commands().exists(keys.inPartition(keys.partitionOf(sid), "sent", sid)))) == 1;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void converse(String phone, String... texts) throws Exception {
    for (String text : texts) {
      int before = Stubs.bodiesTo(stub, phone).size();
      await(voz.sms(phone, text, VozHarness.newSid()));
      waitFor(() -> Stubs.bodiesTo(stub, phone).size() > before, Duration.ofSeconds(10));
    }
  }

  private List<JsonObject> alertsOfType(String type) {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(a -> type.equals(a.getString("type"))).toList();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}");
  }

  /** A status callback with the fields Twilio sends. */
  private static Map<String, String> status(String sid, String to, String status, String errorCode) {
    Map<String, String> p = new TreeMap<>();
    p.put("AccountSid", VozHarness.ACCOUNT);
    p.put("ApiVersion", "2010-04-01");
    p.put("From", VozHarness.FROM);
    p.put("MessageSid", sid);
    p.put("MessageStatus", status);
    p.put("SmsSid", sid);
    p.put("SmsStatus", status);
    p.put("To", to);
    p.put("ErrorCode", errorCode);
    return p;
  }

  private io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<Buffer>> signedStatus(Map<String, String> params) {
    return voz.client.post(STATUS).putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-Twilio-Signature", VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + STATUS, params))
        .sendBuffer(Buffer.buffer(VozHarness.form(params)));
  }

  private static String newPhone() {
    return "+502" + (55_000_000 + ThreadLocalRandom.current().nextInt(999_999));
  }
}
