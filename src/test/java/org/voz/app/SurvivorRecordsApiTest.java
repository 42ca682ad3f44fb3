package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.AlertSender;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/** The record upkeep the staff API gained: PATCH a survivor, an admin's transfer, a decision given in person or on paper. */
@VozTest
@DisplayName("Staff API record upkeep: PATCH survivor, transfer, consent decisions recorded by staff")
class SurvivorRecordsApiTest {

  private VozHarness voz;
  private WireMockServer stub;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) {
    this.voz = voz;
    this.stub = stub;
  }

  /** A new case manager with one survivor: {cm id, token, survivor id}. */
  private String[] caseload(String phone) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    String token = await(voz.createStaff(cm, "case_manager"));
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token)
        .sendJsonObject(EnrolmentJson.standard(cm, "es", "sms", phone)
            .consent(ConsentJson.medical("c2", "pending")).json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    return new String[] {cm, token, enrolled.bodyAsJsonObject().getString("id")};
  }

  private HttpResponse<Buffer> patch(String token, String id, JsonObject body) throws Exception {
    return await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private JsonArray ledger(String token, String id) throws Exception {
    return await(voz.client.get("/api/v1/survivors/" + id + "/consents/history").bearerTokenAuthentication(token).send())
        .bodyAsJsonObject().getJsonArray("events");
  }

  @Test
  @DisplayName("PATCH changes contacts, language, window and exit date; the new number reaches the survivor, the old one is freed")
  void amend() throws Exception {
    String[] a = caseload("+50255561001");
    HttpResponse<Buffer> changed = patch(a[1], a[2], new JsonObject()
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", "+50255561002")))
        .put("language", "en")
        .put("contactWindow", new JsonObject().put("timezone", "America/Guatemala").put("from", "09:00").put("to", "17:00")
            .put("channels", new JsonArray().add("sms")))
        .put("exitedOn", "2026-10-31"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    JsonObject record = changed.bodyAsJsonObject();
    assertThat(record.getString("language")).isEqualTo("en");
    assertThat(record.getJsonArray("contacts").getJsonObject(0).getString("address")).isEqualTo("+50255561002");
    assertThat(record.getJsonObject("contactWindow").getString("from")).isEqualTo("09:00");
    assertThat(record.getString("exitedOn")).isEqualTo("2026-10-31");

    // the ledger names what changed, never the values
    JsonObject event = ledger(a[1], a[2]).stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("record.amended")).findFirst().orElseThrow();
    assertThat(event.getJsonObject("details").getString("fields")).isEqualTo("contacts,language,contactWindow,exitedOn");
    assertThat(event.getString("actor")).isEqualTo("staff:" + a[0]);
    assertThat(event.encode()).doesNotContain("+50255561002");

    // the new number is the survivor's (the conversation in English); the old one is a stranger's again
    await(voz.sms("+50255561002", "hello", VozHarness.newSid()));
    waitFor(() -> !Stubs.bodiesTo(stub, "+50255561002").isEmpty(), Duration.ofSeconds(10));
    String[] other = caseload("+50255561001");
    assertThat(other[2]).isNotEqualTo(a[2]);

    // null clears the window and the exit date; a part left out stays as it was
    JsonObject cleared = patch(a[1], a[2], new JsonObject().putNull("contactWindow").putNull("exitedOn")).bodyAsJsonObject();
    assertThat(cleared.getValue("contactWindow")).isNull();
    assertThat(cleared.getValue("exitedOn")).isNull();
    assertThat(cleared.getString("language")).isEqualTo("en");
  }

  @Test
  @DisplayName("PATCH refuses: another case manager's survivor's number as an invalid number (400, word for word; an "
      + "admin sees the 409), unknown language or unsafe channel 400, someone else's 403, unknown 404")
  void amendRefused() throws Exception {
    String[] a = caseload("+50255562001");
    String[] b = caseload("+50255562002");
    HttpResponse<Buffer> taken = patch(a[1], a[2], new JsonObject().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "sms").put("address", "+50255562002"))));
    HttpResponse<Buffer> invalid = patch(a[1], a[2], new JsonObject().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "sms").put("address", "55562002"))));
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.bodyAsJsonObject()).isEqualTo(invalid.bodyAsJsonObject());
    assertThat(taken.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");
    HttpResponse<Buffer> byAdmin = patch(VozHarness.ADMIN, a[2], new JsonObject().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "sms").put("address", "+50255562002"))));
    assertThat(byAdmin.statusCode()).isEqualTo(409);
    assertThat(byAdmin.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");
    HttpResponse<Buffer> language = patch(a[1], a[2], new JsonObject().put("language", "de"));
    assertThat(language.statusCode()).isEqualTo(400);
    assertThat(language.bodyAsJsonObject().getString("field")).isEqualTo("language");
    HttpResponse<Buffer> unsafe = patch(a[1], a[2], new JsonObject().put("contactWindow", new JsonObject()
        .put("timezone", "America/Guatemala").put("from", "09:00").put("to", "17:00").put("channels", new JsonArray().add("whatsapp"))));
    assertThat(unsafe.statusCode()).isEqualTo(400);
    assertThat(unsafe.bodyAsJsonObject().getString("field")).isEqualTo("contactWindow.channels[0]");
    assertThat(patch(a[1], a[2], new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(patch(a[1], b[2], new JsonObject().put("language", "en")).statusCode()).isEqualTo(403);
    assertThat(patch(a[1], "no-such-survivor", new JsonObject().put("language", "en")).statusCode()).isEqualTo(404);
    String coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
    assertThat(patch(coordinator, a[2], new JsonObject().put("language", "en")).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("an admin transfers a survivor: the new case manager sees them, the former gets 403; a case manager may not transfer")
  void transfer() throws Exception {
    String[] a = caseload("+50255563001");
    String[] b = caseload("+50255563002");
    HttpResponse<Buffer> refused = await(voz.client.post("/api/v1/survivors/" + a[2] + "/transfer")
        .bearerTokenAuthentication(a[1]).sendJsonObject(new JsonObject().put("caseManager", b[0])));
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> nobody = await(voz.client.post("/api/v1/survivors/" + a[2] + "/transfer")
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("caseManager", "cm-nobody")));
    assertThat(nobody.statusCode()).isEqualTo(400);
    assertThat(nobody.bodyAsJsonObject().getString("field")).isEqualTo("caseManager");

    HttpResponse<Buffer> moved = await(voz.client.post("/api/v1/survivors/" + a[2] + "/transfer")
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("caseManager", b[0])));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
    assertThat(moved.bodyAsJsonObject().getString("caseManager")).isEqualTo(b[0]);
    assertThat(await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents").bearerTokenAuthentication(b[1]).send())
        .statusCode()).isEqualTo(200);
    assertThat(await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents").bearerTokenAuthentication(a[1]).send())
        .statusCode()).isEqualTo(403);
    assertThat(ledger(b[1], a[2]).stream().map(JsonObject.class::cast)
        .anyMatch(e -> e.getString("type").equals("record.transferred"))).isTrue();
  }

  @Test
  @DisplayName("a revocation given in person: status, ledger (in_person, who recorded it, receipt), the alert and the recipient's notice")
  @VozConfig({"recipients.shelter-casa-esperanza.url=" + VozConfig.WIREMOCK + "/casa",
      "recipients.shelter-casa-esperanza.secret=casa-secret"})
  void revokedInPerson() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/casa")).willReturn(aResponse().withStatus(200)));
    String[] a = caseload("+50255564001");
    HttpResponse<Buffer> recorded = await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c1/decision")
        .bearerTokenAuthentication(a[1]).sendJsonObject(new JsonObject().put("status", "revoked").put("given", "in_person")
            .put("reason", "Ya no vive en el albergue")));
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(200);
    JsonObject body = recorded.bodyAsJsonObject();
    String receipt = body.getString("receipt");
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    assertThat(body.getJsonObject("consent").getString("status")).isEqualTo("revoked");
    assertThat(body.getString("recordedBy")).isEqualTo(a[0]);

    JsonObject event = ledger(a[1], a[2]).stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("consent.revoked")).findFirst().orElseThrow();
    assertThat(event.getString("channel")).isEqualTo("in_person");
    assertThat(event.getString("actor")).isEqualTo("staff:" + a[0]);
    assertThat(event.getString("receipt")).isEqualTo(receipt);
    assertThat(event.getString("from")).isEqualTo("granted");
    assertThat(event.getString("reason")).isEqualTo("Ya no vive en el albergue");

    // the case manager's alert, as one given by message
    waitFor(() -> alerts("consent.revoked").stream().anyMatch(j -> a[2].equals(j.getString("survivorId"))), Duration.ofSeconds(10));
    JsonObject alert = alerts("consent.revoked").stream().filter(j -> a[2].equals(j.getString("survivorId"))).findFirst().orElseThrow();
    assertThat(alert.getString("receipt")).isEqualTo(receipt);
    assertThat(alert.getString("recipient")).isEqualTo("shelter-casa-esperanza");
    assertThat(alert.getString("caseManager")).isEqualTo(a[0]);
    // and the recipient organisation's notice, signed with its own secret
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).isEmpty(), Duration.ofSeconds(10));
    var notice = stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).get(0);
    assertThat(notice.getHeader("X-Voz-Signature")).isEqualTo("sha256=" + AlertSender.sign("casa-secret", notice.getBody()));
    assertThat(new JsonObject(notice.getBodyAsString()).getString("receipt")).isEqualTo(receipt);

    // a second revocation of the same item: 409; a grant on paper of the pending one: granted, its alert
    HttpResponse<Buffer> again = await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c1/decision")
        .bearerTokenAuthentication(a[1]).sendJsonObject(new JsonObject().put("status", "revoked").put("given", "paper")));
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<Buffer> granted = await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c2/decision")
        .bearerTokenAuthentication(a[1]).sendJsonObject(new JsonObject().put("status", "granted").put("given", "paper")));
    assertThat(granted.statusCode()).isEqualTo(200);
    waitFor(() -> alerts("consent.granted").stream().anyMatch(j -> "c2".equals(j.getString("consentId"))
        && a[2].equals(j.getString("survivorId"))), Duration.ofSeconds(10));
    // a bad "given" is the contract's 400; another case manager's survivor 403; an unknown item 404
    assertThat(await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c2/decision").bearerTokenAuthentication(a[1])
        .sendJsonObject(new JsonObject().put("status", "revoked").put("given", "phone"))).statusCode()).isEqualTo(400);
    String[] b = caseload("+50255564002");
    assertThat(await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c2/decision").bearerTokenAuthentication(b[1])
        .sendJsonObject(new JsonObject().put("status", "revoked").put("given", "paper"))).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.post("/api/v1/survivors/" + a[2] + "/consents/c9/decision").bearerTokenAuthentication(a[1])
        .sendJsonObject(new JsonObject().put("status", "revoked").put("given", "paper"))).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("every staff view of a survivor's data and every change is in their sealed access stream: who, role, what, when")
  void accessAudit() throws Exception {
    String[] a = caseload("+50255565001");
    String coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
    await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents").bearerTokenAuthentication(a[1]).send());
    await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents/history").bearerTokenAuthentication(a[1]).send());
    assertThat(patch(a[1], a[2], new JsonObject().put("language", "en")).statusCode()).isEqualTo(200);
    await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents").bearerTokenAuthentication(VozHarness.ADMIN).send());
    // refused reads are not views: nothing was shown
    await(voz.client.get("/api/v1/survivors/" + a[2] + "/consents").bearerTokenAuthentication(coordinator).send());

    org.voz.store.Keys keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
    org.voz.store.AccessLog log = new org.voz.store.AccessLog(voz.redis, keys,
        new org.voz.store.SurvivorRepository(voz.redis, keys, voz.keyring));
    List<org.voz.staff.Access> accesses = await(log.read(a[2]));
    assertThat(accesses).extracting(org.voz.staff.Access::staffId, org.voz.staff.Access::role, org.voz.staff.Access::what)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(a[0], "case_manager", "consents"),
            org.assertj.core.groups.Tuple.tuple(a[0], "case_manager", "ledger"),
            org.assertj.core.groups.Tuple.tuple(a[0], "case_manager", "record.amended"),
            org.assertj.core.groups.Tuple.tuple("admin", "admin", "consents"));
    assertThat(accesses).allSatisfy(x -> assertThat(x.at()).isNotNull());
    // sealed at rest: nothing of it readable in Redis
    var raw = await(voz.redis.future(voz.redis.commands().xrange(
        new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions()).inPartition(
            new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions()).partitionOf(a[2]), "access", a[2]),
        io.lettuce.core.Range.create("-", "+"))));
    assertThat(raw).hasSize(4);
    // under the survivor's own key (erased with them), bound to their access log
    assertThat(raw.get(0).getBody().get("access")).startsWith("p1.").doesNotContain(a[0]);
    assertThatThrownBy(() -> voz.keyring.open(org.voz.store.Aad.access(a[2]), raw.get(0).getBody().get("access")))
        .as("the data key alone does not open it").isInstanceOf(org.voz.crypto.Keyring.SealException.class);
  }

  private List<JsonObject> alerts(String type) {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(j -> type.equals(j.getString("type"))).toList();
  }
}
