package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import org.voz.testing.EnrolmentJson;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One request per kind of contract failure: each a 400 {"error": "invalid_request", "message", "field"}. */
@VozTest
@DisplayName("Staff API validated by the OpenAPI contract: every kind of refusal is the usual 400 naming the field")
class ContractValidationTest {

  private WireMockServer stub;

  private VozHarness voz;
  private String cm;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
    cm = await(voz.createStaff("cm-contract", "case_manager"));
  }

  private static JsonObject enrolment() {
    return EnrolmentJson.of("cm-contract").caseRef("GT-1").sms("+50255557001").json();
  }

  private static JsonObject withoutContacts() {
    JsonObject json = enrolment();
    json.remove("contacts");
    return json;
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) throws Exception {
    var request = voz.client.request(method, path).bearerTokenAuthentication(token);
    return await(body == null ? request.send()
        : body instanceof JsonObject json ? request.sendJsonObject(json) : request.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** The 400 shape; returns the field (null when the request as a whole is at fault). */
  private static String refused(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("invalid_request");
    assertThat(body.getString("message")).isNotBlank();
    assertThat(body.fieldNames()).isSubsetOf("error", "message", "field");
    return body.getString("field");
  }

  @Test
  @DisplayName("an unknown property (additionalProperties: false) names the property")
  void unknownProperty() throws Exception {
    assertThat(refused(send(HttpMethod.POST, "/api/v1/staff", VozHarness.ADMIN,
        new JsonObject().put("id", "cm-x").put("role", "admin").put("name", "X").put("nickname", "y")))).isEqualTo("nickname");
    JsonObject nested = enrolment().put("feedback", new JsonObject().put("acceptsRequests", true).put("colour", "red"));
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, nested))).isEqualTo("feedback.colour");
  }

  @Test
  @DisplayName("a missing required property names it, inside arrays too")
  void requiredProperty() throws Exception {
    JsonObject noPin = enrolment();
    noPin.remove("pin");
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, noPin))).isEqualTo("pin");
    JsonObject noUntil = enrolment().put("consents", new JsonArray().add(new JsonObject().put("id", "c1")
        .put("data", "case-notes").put("recipient", "shelter").put("purpose", "referral").put("status", "granted")));
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, noUntil))).isEqualTo("consents[0].until");
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors/x/pin", cm, new JsonObject()))).isEqualTo("pin");
  }

  @Test
  @DisplayName("pattern, enum, format, type, length and uniqueness failures name the value's place")
  void valueRules() throws Exception {
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, enrolment().put("pin", "12")))).isEqualTo("pin");
    assertThat(refused(send(HttpMethod.POST, "/api/v1/staff", VozHarness.ADMIN,
        new JsonObject().put("id", "cm-y").put("role", "boss").put("name", "Y")))).isEqualTo("role");
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm,
        enrolment().put("feedback", new JsonObject().put("exitedOn", "2026-02-30"))))).isEqualTo("feedback.exitedOn");
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm,
        enrolment().put("feedback", new JsonObject().put("acceptsRequests", "yes"))))).isEqualTo("feedback.acceptsRequests");
    assertThat(refused(send(HttpMethod.PATCH, "/api/v1/requests/nobody.R-1", cm,
        new JsonObject().put("status", "ready").put("note", "n".repeat(501))))).isEqualTo("note");
    JsonArray twice = new JsonArray().add(new JsonObject().put("channel", "sms").put("address", "+50255557002"))
        .add(new JsonObject().put("channel", "sms").put("address", "+50255557002"));
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, enrolment().put("contacts", twice)))).isEqualTo("contacts");
    // contacts may be empty (the contract: a survivor without a phone joins through the Telegram link), not absent
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, withoutContacts()))).isEqualTo("contacts");
  }

  @Test
  @DisplayName("a contact's address follows its channel: a phone number for sms, a chat id for telegram")
  void conditionalSchema() throws Exception {
    JsonObject telegram = enrolment().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "telegram").put("address", "+50255557003")));
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, telegram))).isEqualTo("contacts[0].address");
    JsonObject chatId = enrolment().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "telegram").put("address", "123456789")));
    assertThat(send(HttpMethod.POST, "/api/v1/survivors", cm, chatId).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("an optional property given as null is absent, as the API has always read it")
  void nullIsAbsent() throws Exception {
    JsonObject nulls = enrolment().putNull("language").putNull("duressPin").putNull("consents").putNull("contactWindow")
        .put("feedback", new JsonObject().putNull("acceptsRequests").putNull("programme").putNull("exitedOn"));
    assertThat(send(HttpMethod.POST, "/api/v1/survivors", cm, nulls).statusCode()).isEqualTo(201);
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, enrolment().putNull("pin")))).isEqualTo("pin");
  }

  @Test
  @DisplayName("a query parameter outside its enum names the parameter")
  void queryParameter() throws Exception {
    assertThat(refused(send(HttpMethod.GET, "/api/v1/requests?status=lost", cm, null))).isEqualTo("status");
    assertThat(send(HttpMethod.GET, "/api/v1/requests?status=open", cm, null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a body that is no JSON, or none at all, is a 400 without a field")
  void noJson() throws Exception {
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, "{not json"))).isNull();
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors", cm, "[]"))).isNull();
    assertThat(refused(send(HttpMethod.POST, "/api/v1/survivors/x/pin", cm, ""))).isNull();
  }

  @Test
  @DisplayName("the token and the role come before the body: 401 and 403 for a body the contract would refuse")
  void authenticationFirst() throws Exception {
    var none = await(voz.client.post("/api/v1/survivors").sendJsonObject(new JsonObject().put("x", 1)));
    assertThat(none.statusCode()).isEqualTo(401);
    String coordinator = await(voz.createStaff("co-contract", "coordinator"));
    var wrongRole = send(HttpMethod.POST, "/api/v1/survivors", coordinator, new JsonObject().put("x", 1));
    assertThat(wrongRole.statusCode()).isEqualTo(403);
    assertThat(wrongRole.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
    assertThat(send(HttpMethod.GET, "/api/v1/nothing-here", cm, null).statusCode()).isEqualTo(404);
  }
}
