package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.AlertSender;

@VozTest
@VozConfig({"feedback.safeguarding.webhookUrl=" + VozConfig.WIREMOCK + "/safeguarding",
    "feedback.safeguarding.webhookSecret=" + WayBackToPersonTest.LEAD_SECRET})
@DisplayName("A way back to a person over SMS: talk to a person and an interpreter reach the case manager's webhook with "
    + "codes only; a complaint reaches the safeguarding lead only")
class WayBackToPersonTest {

  static final String LEAD_SECRET = "lead-secret-person";

  private VozHarness voz;
  private WireMockServer stub;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) {
    this.voz = voz;
    this.stub = stub;
    stub.stubFor(post(urlPathEqualTo("/safeguarding")).willReturn(aResponse().withStatus(204)));
    stub.stubFor(post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(204)));
  }

  private String enrol(String phone, String cm) throws Exception {
    await(voz.createStaff(cm, "case_manager"));
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-2026-" + phone.substring(phone.length() - 4))
            .put("language", "es").put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private void say(String phone, String... texts) throws Exception {
    for (String text : texts) {
      assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
  }

  private List<JsonObject> posted(String path) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).toList();
  }

  @Test
  @DisplayName("talk to a person, an interpreter, an anonymous complaint: each to the right webhook, ids and codes only")
  void wayBack() throws Exception {
    String phone = "+5025555" + (1000 + (int) (Math.random() * 8999));
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    String id = enrol(phone, cm);

    say(phone, "hola", "4821", "5", "1", "2", "1");
    eventually(Duration.ofSeconds(10), () -> posted("/alerts").stream()
        .anyMatch(a -> a.getString("type").equals("contact.requested")));
    JsonObject contact = posted("/alerts").stream().filter(a -> a.getString("type").equals("contact.requested"))
        .findFirst().orElseThrow();
    assertThat(contact.getString("survivorId")).isEqualTo(id);
    assertThat(contact.getString("caseManager")).isEqualTo(cm);
    assertThat(contact.getString("channel")).isEqualTo("call");
    assertThat(contact.getString("window")).isEqualTo("today");
    assertThat(contact.getString("language")).isEqualTo("es");
    assertThat(contact.encode()).doesNotContain(phone);

    say(phone, "idioma", "6", "quechua del sur");
    eventually(Duration.ofSeconds(10), () -> posted("/alerts").stream()
        .anyMatch(a -> a.getString("type").equals("interpreter.requested")));
    assertThat(posted("/alerts")).as("the language in the survivor's words stays out of every alert")
        .noneMatch(a -> a.encode().contains("quechua"));
    var patched = await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("language", "es")));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getBoolean("needsInterpreter")).isTrue();
    // needing an interpreter made the record medium: the ledger says so, right after the request, as for a staff change
    JsonArray events = await(voz.client.get("/api/v1/survivors/" + id + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("events");
    List<String> types = events.stream().map(e -> ((JsonObject) e).getString("type")).toList();
    assertThat(types).containsSubsequence("interpreter.requested", "risk.changed");
    JsonObject raised = events.stream().map(e -> (JsonObject) e).filter(e -> e.getString("type").equals("risk.changed"))
        .reduce((first, last) -> last).orElseThrow();
    assertThat(raised.getString("from")).isEqualTo("low");
    assertThat(raised.getString("to")).isEqualTo("medium");
    assertThat(raised.getJsonObject("details").getString("source")).isEqualTo("needsInterpreter");

    say(phone, "4821", "reportar un problema", "1", "La persona de la oficina me gritó");
    eventually(Duration.ofSeconds(10), () -> !posted("/safeguarding").isEmpty());
    LoggedRequest request = stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding"))).get(0);
    assertThat(request.getHeader("X-Voz-Signature"))
        .isEqualTo("sha256=" + AlertSender.sign(LEAD_SECRET, request.getBodyAsString().getBytes(StandardCharsets.UTF_8)));
    JsonObject complaint = new JsonObject(request.getBodyAsString());
    assertThat(complaint.getString("type")).isEqualTo("feedback.escalated");
    assertThat(complaint.getString("reason")).isEqualTo("complaint");
    assertThat(complaint.getBoolean("anonymous")).isTrue();
    assertThat(complaint.getString("text")).isEqualTo("La persona de la oficina me gritó");
    assertThat(complaint.encode()).doesNotContain(id).doesNotContain(phone).doesNotContain("caseRef").doesNotContain(cm);
    assertThat(posted("/alerts")).as("never to the case manager")
        .noneMatch(a -> a.encode().contains("gritó") || a.getString("type").equals("feedback.escalated"));
  }

  @Test
  @DisplayName("a voice note is answered with the offer of a person")
  void voiceNote() throws Exception {
    String phone = "+5025556" + (1000 + (int) (Math.random() * 8999));
    enrol(phone, "cm-" + UUID.randomUUID().toString().substring(0, 8));
    java.util.Map<String, String> params = VozHarness.twilioParams(phone, "", VozHarness.newSid());
    params.put("NumMedia", "1");
    params.put("MediaContentType0", "audio/ogg");
    params.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages/MM1/Media/ME1");
    String signature = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);
    assertThat(await(voz.postTwilio(params, signature)).statusCode()).isEqualTo(200);
    eventually(Duration.ofSeconds(10), () -> !Stubs.bodiesTo(stub, phone).isEmpty());
    assertThat(Stubs.bodiesTo(stub, phone).get(0))
        .isEqualTo("Solo puedo leer texto.\n¿Prefieres hablar con alguien?\n1. Sí\n2. No");
  }
}
