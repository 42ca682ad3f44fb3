package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import org.voz.testing.EnrolmentJson;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@DisplayName("Staff API: tokens, roles, enrolment and consents over real HTTP and Redis")
class StaffApiTest {

  private WireMockServer stub;

  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  private JsonObject enrolment(String cm, String phone) {
    return EnrolmentJson.standard(cm, "es", "sms", phone).json();
  }

  private HttpResponse<Buffer> post(String path, String token, Object body) throws Exception {
    var request = voz.client.post(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(body instanceof JsonObject json ? request.sendJsonObject(json) : request.sendBuffer(Buffer.buffer(String.valueOf(body))));
  }

  private HttpResponse<Buffer> get(String path, String token) throws Exception {
    var request = voz.client.get(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send());
  }

  @Test
  @DisplayName("no token or a wrong token gets 401 with a JSON error")
  void unauthenticated() throws Exception {
    HttpResponse<Buffer> none = post("/api/v1/survivors", null, enrolment("cm-x", "+50255551000"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(get("/api/v1/survivors/abc/consents", "not-a-token").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a case manager enrols under their own id and reads the consents; the answer matches the contract")
  void enrolAndRead() throws Exception {
    String token = await(voz.createStaff("cm-ana", "case_manager"));
    HttpResponse<Buffer> created = post("/api/v1/survivors", token, enrolment("cm-ana", "+50255551001"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(created.bodyAsJsonObject().getString("telegramLink")).matches("https://t\\.me/[A-Za-z0-9_]+\\?start=[A-Za-z0-9_-]{16,}");

    HttpResponse<Buffer> consents = get("/api/v1/survivors/" + id + "/consents", token);
    assertThat(consents.statusCode()).isEqualTo(200);
    JsonObject c1 = consents.bodyAsJsonObject().getJsonArray("consents").getJsonObject(0);
    assertThat(c1.fieldNames()).containsExactlyInAnyOrder("id", "data", "recipient", "purpose", "until", "status", "updatedAt");
    assertThat(c1.getString("until")).isEqualTo("2027-06-30");
    assertThat(c1.getString("status")).isEqualTo("granted");
  }

  @Test
  @DisplayName("roles: a coordinator cannot enrol, a case manager cannot enrol for another or read another's survivor")
  void roles() throws Exception {
    String coordinator = await(voz.createStaff("co-1", "coordinator"));
    String ana = await(voz.createStaff("cm-ana2", "case_manager"));
    String ben = await(voz.createStaff("cm-ben", "case_manager"));
    assertThat(post("/api/v1/survivors", coordinator, enrolment("cm-ana2", "+50255551002")).statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/survivors", ben, enrolment("cm-ana2", "+50255551002")).statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/staff", ana, new JsonObject().put("id", "x").put("role", "admin").put("name", "X")).statusCode()).isEqualTo(403);
    String id = post("/api/v1/survivors", ana, enrolment("cm-ana2", "+50255551002")).bodyAsJsonObject().getString("id");
    assertThat(get("/api/v1/survivors/" + id + "/consents", ben).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/survivors/" + id + "/consents", coordinator).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/survivors/" + id + "/consents", VozHarness.ADMIN).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/survivors/nope/consents", ana).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("bad enrolments are 400s naming the field at fault, and write nothing")
  void badInput() throws Exception {
    String token = await(voz.createStaff("cm-val", "case_manager"));
    assertField(post("/api/v1/survivors", token, enrolment("cm-val", "+50255551003").put("nickname", "x")), "nickname");
    assertField(post("/api/v1/survivors", token, enrolment("cm-val", "+50255551003").put("pin", "12")), "pin");
    assertField(post("/api/v1/survivors", token, enrolment("cm-val", "+50255551003").put("language", "xx")), "language");
    assertField(post("/api/v1/survivors", token, enrolment("cm-val", "55551003")), "contacts[0].address");
    JsonObject noUntil = enrolment("cm-val", "+50255551003");
    noUntil.getJsonArray("consents").getJsonObject(0).remove("until");
    assertField(post("/api/v1/survivors", token, noUntil), "consents[0].until");
    JsonObject badStatus = enrolment("cm-val", "+50255551003");
    badStatus.getJsonArray("consents").getJsonObject(0).put("status", "maybe");
    assertField(post("/api/v1/survivors", token, badStatus), "consents[0].status");
    JsonObject twice = enrolment("cm-val", "+50255551003");
    twice.getJsonArray("consents").add(twice.getJsonArray("consents").getJsonObject(0).copy().put("id", "c2"));
    assertField(post("/api/v1/survivors", token, twice), "consents[1].purpose");
    assertThat(post("/api/v1/survivors", token, "{not json").statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/survivors", token, "[]").statusCode()).isEqualTo(400);
    // none of these enrolled the number: a good enrolment still can
    assertThat(post("/api/v1/survivors", token, enrolment("cm-val", "+50255551003")).statusCode()).isEqualTo(201);
    assertThat(post("/api/v1/survivors", token, enrolment("cm-val", "+50255551003")).statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("another case manager's survivor's number is refused exactly as an invalid contact is (no 'already "
      + "enrolled' to learn who is a client); the owner and admins see the conflict; nothing is claimed")
  void noEnumerationAtEnrolment() throws Exception {
    String ana = await(voz.createStaff("cm-enum-ana", "case_manager"));
    String ben = await(voz.createStaff("cm-enum-ben", "case_manager"));
    String taken = "+50255551201";
    assertThat(post("/api/v1/survivors", ana, enrolment("cm-enum-ana", taken)).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> duplicate = post("/api/v1/survivors", ben, enrolment("cm-enum-ben", taken));
    HttpResponse<Buffer> invalid = post("/api/v1/survivors", ben, enrolment("cm-enum-ben", "55551201"));
    assertThat(duplicate.statusCode()).as(duplicate.bodyAsString()).isEqualTo(400).isEqualTo(invalid.statusCode());
    assertThat(duplicate.bodyAsJsonObject()).as("the same body, word for word").isEqualTo(invalid.bodyAsJsonObject());
    assertThat(duplicate.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");

    // the second contact of two: the same answer, naming it; the first, free one was not kept claimed
    String free = "+50255551202";
    JsonObject second = EnrolmentJson.standard("cm-enum-ben", "es", "whatsapp", free).contact("sms", taken).json();
    JsonObject secondInvalid = EnrolmentJson.standard("cm-enum-ben", "es", "whatsapp", free).contact("sms", "5").json();
    HttpResponse<Buffer> secondRefused = post("/api/v1/survivors", ben, second);
    assertThat(secondRefused.statusCode()).isEqualTo(400);
    assertThat(secondRefused.bodyAsJsonObject()).isEqualTo(post("/api/v1/survivors", ben, secondInvalid).bodyAsJsonObject());
    assertThat(secondRefused.bodyAsJsonObject().getString("field")).isEqualTo("contacts[1].address");

    // the owner and an admin see the conflict
    HttpResponse<Buffer> owner = post("/api/v1/survivors", ana, enrolment("cm-enum-ana", taken));
    assertThat(owner.statusCode()).isEqualTo(409);
    assertThat(owner.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");
    HttpResponse<Buffer> admin = post("/api/v1/survivors", VozHarness.ADMIN, enrolment("cm-enum-ben", taken));
    assertThat(admin.statusCode()).isEqualTo(409);
    assertThat(admin.bodyAsJsonObject().getString("error")).isEqualTo("conflict");

    assertThat(post("/api/v1/survivors", ben, EnrolmentJson.standard("cm-enum-ben", "es", "whatsapp", free).json())
        .statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("an address left claimed by an enrolment that crashed before its commit can be enrolled again")
  void orphanAddressTakenOver() throws Exception {
    String token = await(voz.createStaff("cm-orphan", "case_manager"));
    org.voz.store.Keys keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
    String address = keys.global("addr", voz.keyring.addressHash("sms", "+50255551077"));
    // what a crash between the address claim and the record's commit leaves behind
    await(voz.redis.future(voz.redis.commands().set(address, "crashed-enrolment")));
    var enrolled = post("/api/v1/survivors", token, enrolment("cm-orphan", "+50255551077"));
    assertThat(enrolled.statusCode()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    assertThat(await(voz.redis.future(voz.redis.commands().get(address)))).isEqualTo(id);
    var history = get("/api/v1/survivors/" + id + "/consents/history", token).bodyAsJsonObject();
    assertThat(history.getJsonArray("events")).as("the record came with its enrolment ledger").hasSize(1);
    // a live survivor's address is never taken over
    assertThat(post("/api/v1/survivors", token, enrolment("cm-orphan", "+50255551077")).statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("staff ids are unique, roles are checked")
  void staffValidation() throws Exception {
    assertThat(post("/api/v1/staff", VozHarness.ADMIN, new JsonObject().put("id", "cm-dup").put("role", "case_manager").put("name", "A")).statusCode()).isEqualTo(201);
    assertThat(post("/api/v1/staff", VozHarness.ADMIN, new JsonObject().put("id", "cm-dup").put("role", "case_manager").put("name", "A")).statusCode()).isEqualTo(409);
    assertField(post("/api/v1/staff", VozHarness.ADMIN, new JsonObject().put("id", "cm-2").put("role", "boss").put("name", "A")), "role");
    assertField(post("/api/v1/staff", VozHarness.ADMIN, new JsonObject().put("id", "Bad Id").put("role", "admin").put("name", "A")), "id");
  }

  @Test
  @DisplayName("health and metrics answer; an unknown path is a JSON 404; the Telegram webhook is 403 while Telegram is off")
  void operations() throws Exception {
    HttpResponse<Buffer> ready = get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("redis")).isEqualTo("UP");
    assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    await(voz.sms("+50255551999", "hola", VozHarness.newSid()));
    HttpResponse<Buffer> metrics = get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("voz_messages_in_total").contains("voz_commit_seconds").contains("voz_outbox_depth");
    HttpResponse<Buffer> missing = get("/nope", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    assertThat(post("/webhooks/telegram", null, new JsonObject().put("update_id", 1)).statusCode())
        .as("the Telegram webhook refuses updates while the channel is off").isEqualTo(403);
  }

  private static void assertField(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).as(response.bodyAsString()).isEqualTo(field);
  }
}
