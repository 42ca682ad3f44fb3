package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import org.junit.jupiter.api.BeforeEach;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Conversations;

@VozTest
@DisplayName("Twilio at the provider: the WhatsApp 24-hour window for proactive messages, and deleting bodies")
class TwilioProviderTest {

  private static final String MESSAGES = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json";
  private static final String TEMPLATE_ES = "HX0123456789abcdef0123456789abcdef";

  private VozRoom room;
  private WireMockServer stub;

  private final Conversations conversations = Conversations.load(java.nio.file.Path.of("conversations"));
  private VozHarness voz;

  private void start(Map<String, String> extra) throws Exception {
    voz = room.start(extra);
  }

  @BeforeEach
  void room(VozRoom room, WireMockServer stub) {
    this.room = room;
    this.stub = stub;
  }

  @Test
  @DisplayName("outside the window, a nudge to a WhatsApp contact goes as the language's approved template")
  void templateOutsideWindow() throws Exception {
    start(Map.of("twilio.whatsappTemplates.es", TEMPLATE_ES));
    String phone = "+50255550201";
    String id = await(voz.enrol("whatsapp", phone, "es", "4821"));

    propose(id);

    Map<String, String> sent = awaitSent(1).get(0);
    assertThat(sent).containsEntry("To", "whatsapp:" + phone).containsEntry("From", "whatsapp:" + VozHarness.FROM)
        .containsEntry("ContentSid", TEMPLATE_ES).doesNotContainKey("Body");
  }

  @Test
  @DisplayName("outside the window and without a template for the language, the nudge goes by SMS to the same number")
  void smsFallback() throws Exception {
    start(Map.of("twilio.whatsappTemplates.es", TEMPLATE_ES));
    String phone = "+50255550202";
    String id = await(voz.enrol("whatsapp", phone, "pt", "4821"));

    propose(id);

    Map<String, String> sent = awaitSent(1).get(0);
    assertThat(sent).containsEntry("To", phone).containsEntry("From", VozHarness.FROM)
        .containsEntry("Body", conversations.systemText("nudge", "pt")).doesNotContainKey("ContentSid");
  }

  @Test
  @DisplayName("outside the window, no template, and only WhatsApp marked safe: the nudge is not sent by SMS")
  void noSmsWhenNotSafe() throws Exception {
    start(Map.of("twilio.whatsappTemplates.es", TEMPLATE_ES));
    String phone = "+50255550204";
    await(voz.createStaff("cm-safe", "case_manager"));
    var enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-7").put("language", "pt").put("caseManager", "cm-safe")
            .put("contacts", new io.vertx.core.json.JsonArray().add(new JsonObject().put("channel", "whatsapp").put("address", phone)))
            .put("pin", "4821")
            .put("contactWindow", new JsonObject().put("timezone", "UTC").put("from", "00:00").put("to", "23:59")
                .put("channels", new io.vertx.core.json.JsonArray().add("whatsapp")))));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);

    propose(enrolled.bodyAsJsonObject().getString("id"));

    // the dispatcher has its chances (several sweeps and retries): it must refuse to fall back, so nothing is sent
    holdsFor(Duration.ofSeconds(1), () -> stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/Messages.json"))).isEmpty());
    assertThat(stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/Messages.json")))).isEmpty();
  }

  @Test
  @DisplayName("a WhatsApp message opens the window for about 24 h: the next nudge goes as free-form WhatsApp text")
  void insideWindow() throws Exception {
    start(Map.of("twilio.whatsappTemplates.es", TEMPLATE_ES));
    String phone = "+50255550203";
    String id = await(voz.enrol("whatsapp", phone, "es", "4821"));

    Map<String, String> inbound = VozHarness.twilioParams("whatsapp:" + phone, "SALIR", VozHarness.newSid());
    inbound.put("To", "whatsapp:" + VozHarness.FROM);
    String signature = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", inbound);
    assertThat(await(voz.postTwilio(inbound, signature)).statusCode()).isEqualTo(200);
    awaitSent(1);
    String key = voz.prefix + ":wa:" + voz.keyring.addressHash("whatsapp", phone);
    Long ttl = await(voz.redis.future(voz.redis.commands().ttl(key)));
    assertThat(ttl).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());

    propose(id);

    Map<String, String> nudge = awaitSent(2).get(1);
    assertThat(nudge).containsEntry("To", "whatsapp:" + phone)
        .containsEntry("Body", conversations.systemText("nudge", "es")).doesNotContainKey("ContentSid");
  }

  @Test
  @DisplayName("with deleteBodiesAfterDelivery, delivered and failed messages are deleted at Twilio; one still sent is not")
  void deletesFinishedMessages() throws Exception {
    start(Map.of("twilio.deleteBodiesAfterDelivery", "true"));
    stub.stubFor(delete(urlPathMatching("/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages/SM[0-9a-f]{32}\\.json"))
        .willReturn(aResponse().withStatus(204)));
    String delivered = VozHarness.newSid();
    String failed = VozHarness.newSid();
    String sent = VozHarness.newSid();

    assertThat(await(status(delivered, "delivered")).statusCode()).isEqualTo(200);
    assertThat(await(status(failed, "failed")).statusCode()).isEqualTo(200);
    assertThat(await(status(sent, "sent")).statusCode()).isEqualTo(200);

    waitFor(() -> stub.findAll(deleteRequestedFor(urlPathMatching(".*/Messages/.*"))).size() >= 2, Duration.ofSeconds(10));
    // no third deletion (the message still "sent" is kept): none may come over several sweeps
    holdsFor(Duration.ofMillis(300), () -> stub.findAll(deleteRequestedFor(urlPathMatching(".*/Messages/.*"))).size() == 2);
    assertThat(stub.findAll(deleteRequestedFor(urlPathMatching(".*/Messages/.*"))))
        .extracting(r -> r.getUrl().replaceAll(".*/Messages/(SM[0-9a-f]+)\\.json", "$1"))
        .containsExactlyInAnyOrder(delivered, failed);
  }

  @Test
  @DisplayName("by default nothing is deleted at Twilio (an unexpected DELETE would fail the stub)")
  void keepsByDefault() throws Exception {
    start(Map.of());
    assertThat(await(status(VozHarness.newSid(), "delivered")).statusCode()).isEqualTo(200);
    // nothing deleted: no DELETE may come over several sweeps (one would also fail the stub as unmatched)
    holdsFor(Duration.ofMillis(300), () -> stub.findAll(deleteRequestedFor(urlPathMatching(".*"))).isEmpty());
    assertThat(stub.findAll(deleteRequestedFor(urlPathMatching(".*")))).isEmpty();
  }

  private void propose(String survivorId) throws Exception {
    var response = await(voz.client.post("/api/v1/survivors/" + survivorId + "/consents")
        .bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", "c2").put("data", "health-information")
            .put("recipient", "clinic-salud-digna").put("purpose", "medical-care").put("until", "2027-03-31")
            .put("status", "pending")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<Buffer>> status(String sid, String status) {
    Map<String, String> p = new TreeMap<>();
    p.put("AccountSid", VozHarness.ACCOUNT);
    p.put("ApiVersion", "2010-04-01");
    p.put("From", VozHarness.FROM);
    p.put("MessageSid", sid);
    p.put("MessageStatus", status);
    p.put("SmsSid", sid);
    p.put("SmsStatus", status);
    p.put("To", "+50255550299");
    String signature = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/status", p);
    return voz.client.post("/webhooks/twilio/status").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-Twilio-Signature", signature).sendBuffer(Buffer.buffer(VozHarness.form(p)));
  }

  private List<Map<String, String>> awaitSent(int count) throws InterruptedException {
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size() >= count, Duration.ofSeconds(15));
    return stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> Stubs.formOf(r.getBodyAsString())).toList();
  }
}
