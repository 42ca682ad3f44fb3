package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Session;
import org.voz.store.Keys;
import org.voz.store.SessionStore;
import org.voz.store.Versioned;

@VozTest
@DisplayName("SMS through Twilio, end to end: webhook, commit, outbox, Twilio API")
class TwilioFlowTest {

  private static final String MESSAGES = Twilio.MESSAGES;

  private VozHarness voz;
  private WireMockServer stub;
  private Twilio twilio;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, Twilio twilio) {
    this.voz = voz;
    this.stub = stub;
    this.twilio = twilio;
  }

  @Test
  @DisplayName("a signed inbound SMS is answered with TwiML after the commit, and its reply reaches Twilio")
  void signedSmsGetsReply() throws Exception {
    String phone = "+50255550147";
    await(voz.enrol(phone, "es", "4821"));

    HttpResponse<Buffer> response = await(voz.sms(phone, "Hola", VozHarness.newSid()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/xml");
    assertThat(response.bodyAsString()).contains("<Response>");
    List<Map<String, String>> sent = awaitSent(1);
    assertThat(sent.get(0)).containsEntry("To", phone).containsEntry("From", VozHarness.FROM)
        .containsEntry("Body", Replies.first("es", "Hola"));
  }

  @Test
  @DisplayName("an SMS reply over the segment budget is cut at commit, because SMS declares segments: one outbox entry per Twilio message")
  @VozConfig("twilio.maxSegments=1")
  void longSmsCutAtCommit() throws Exception {
    String phone = "+50255550160";
    await(voz.enrol(phone, "es", "4821"));
    for (String text : new String[] {"Hola", "4821", "1"}) { // the PIN prompt, the menu, the permissions
      int before = sentMessages().size();
      await(voz.sms(phone, text, VozHarness.newSid()));
      awaitSent(before + 1);
    }
    // every part was its own entry (delivered and counted once each), not one entry the sender cut in turn
    // the last reply's parts may still be on their way: wait until the outbox is empty (every part sent and settled)
    waitFor(() -> voz.outboxEmpty() && messagesOut() == sentMessages().size(), Duration.ofSeconds(30));
    assertThat(sentMessages().size()).as("parts of three replies").isGreaterThan(3);
    assertThat(messagesOut()).isEqualTo(sentMessages().size());
  }

  private int messagesOut() {
    String metrics;
    try {
      metrics = await(voz.client.get("/metrics").send()).bodyAsString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("voz_messages_out_total\\{channel=\"sms\"[^}]*} ([0-9.]+)")
        .matcher(metrics);
    return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  @DisplayName("a retried webhook (same MessageSid) is answered 200 and changes and sends nothing")
  void retriedWebhookChangesNothing() throws Exception {
    String phone = "+50255550148";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    String sid = VozHarness.newSid();

    assertThat(await(voz.sms(phone, "Hola", sid)).statusCode()).isEqualTo(200);
    awaitSent(1);
    Session before = session(survivorId);

    assertThat(await(voz.sms(phone, "Hola", sid)).statusCode()).isEqualTo(200);
    assertThat(await(voz.sms(phone, "Hola", sid)).statusCode()).isEqualTo(200);

    assertThat(session(survivorId)).isEqualTo(before);
    assertThat(before.turns()).isEqualTo(1);
    // the absence of a second reply: it must stay at one over several outbox sweeps (100 ms each in tests); a
    // wrongly queued reply would be dispatched in that time and fail the test
    holdsFor(Duration.ofMillis(500), () -> sentMessages().size() == 1);
    assertThat(sentMessages()).hasSize(1);
  }

  @Test
  @DisplayName("forged, unsigned and re-signed-for-another-URL webhooks get 403 and change nothing")
  void forgedWebhooksRefused() throws Exception {
    String phone = "+50255550149";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    Map<String, String> params = VozHarness.twilioParams(phone, "Hola", VozHarness.newSid());

    assertThat(await(voz.postTwilio(params, null)).statusCode()).isEqualTo(403);
    assertThat(await(voz.postTwilio(params, "bm90IGEgc2lnbmF0dXJl")).statusCode()).isEqualTo(403);
    String wrongKey = VozHarness.signature("another-token", voz.publicUrl + "/webhooks/twilio/messages", params);
    assertThat(await(voz.postTwilio(params, wrongKey)).statusCode()).isEqualTo(403);
    String wrongUrl = VozHarness.signature(VozHarness.AUTH_TOKEN, "https://evil.example/webhooks/twilio/messages", params);
    assertThat(await(voz.postTwilio(params, wrongUrl)).statusCode()).isEqualTo(403);
    String good = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);
    params.put("Body", "tampered");
    assertThat(await(voz.postTwilio(params, good)).statusCode()).isEqualTo(403);

    assertThat(session(survivorId).turns()).as("no message was applied").isZero();
    // nothing was applied, so nothing may be sent: no message over several outbox sweeps
    holdsFor(Duration.ofMillis(300), () -> sentMessages().isEmpty());
    assertThat(sentMessages()).isEmpty();
  }

  @Test
  @DisplayName("concurrent messages for one survivor all apply, each once, with one reply each")
  void concurrentMessagesAllApply(VozRoom room) throws Exception {
    String phone = "+50255550150";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    VozHarness twin = room.twin(); // stopped with the room
    int n = 12;
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      VozHarness via = i % 2 == 0 ? voz : twin; // two instances on one Redis: the version check decides
      sends.add(via.sms(phone, "hola " + i, VozHarness.newSid()));
    }
    await(Future.all(sends));
    sends.forEach(f -> assertThat(f.result().statusCode()).isEqualTo(200));

    assertThat(session(survivorId).turns()).isEqualTo(n);
    assertThat(awaitSent(n)).hasSize(n);
  }

  @Test
  @DisplayName("messages from one instance are applied in the order they arrived")
  void orderWithinInstance() throws Exception {
    String phone = "+50255550151";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    // The PIN then a menu choice, sent back to back without waiting: the choice only makes sense after the PIN.
    Future<HttpResponse<Buffer>> pin = voz.sms(phone, "4821", VozHarness.newSid());
    Future<HttpResponse<Buffer>> choice = voz.sms(phone, "MENU", VozHarness.newSid());
    await(Future.all(pin, choice));
    Session s = session(survivorId);
    assertThat(s.turns()).isEqualTo(3);
    assertThat(s.verified()).isTrue();
  }

  @Test
  @DisplayName("an unknown number gets the neutral answer, in the default language, and nothing else")
  void unknownNumberNeutral() throws Exception {
    HttpResponse<Buffer> response = await(voz.sms("+50255559999", "Hola, soy yo", VozHarness.newSid()));
    assertThat(response.statusCode()).isEqualTo(200);
    List<Map<String, String>> sent = awaitSent(1);
    String expected = Replies.unknownSender("Hola, soy yo");
    assertThat(sent.get(0)).containsEntry("To", "+50255559999").containsEntry("Body", expected);
  }

  @Test
  @DisplayName("emoji, right-to-left marks, control characters and empty bodies get a reply, never a 5xx")
  void oddTextsAnswered() throws Exception {
    String phone = "+50255550152";
    await(voz.enrol(phone, "es", "4821"));
    List<String> texts = List.of("😀🙏🏽", "\u200Fمرحبا\u200E", "ho\u0000la\u0007", "", "   ", "\u202Eevil");
    for (String text : texts) {
      assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
    assertThat(awaitSent(texts.size())).hasSize(texts.size());
  }

  @Test
  @DisplayName("a 100 kB body is refused with 413 and JSON, and a 1600-character text gets a reply")
  void oversizedBodies() throws Exception {
    String phone = "+50255550153";
    await(voz.enrol(phone, "es", "4821"));
    HttpResponse<Buffer> big = await(voz.sms(phone, "a".repeat(100_000), VozHarness.newSid()));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
    assertThat(await(voz.sms(phone, "b".repeat(1600), VozHarness.newSid())).statusCode()).isEqualTo(200);
    awaitSent(1);
  }

  @Test
  @DisplayName("a webhook without MessageSid or From is a 400 naming the field")
  void missingFields() throws Exception {
    Map<String, String> params = VozHarness.twilioParams("+50255550154", "Hola", VozHarness.newSid());
    params.remove("MessageSid");
    String sig = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);
    HttpResponse<Buffer> response = await(voz.postTwilio(params, sig));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("MessageSid");
  }

  @Test
  @DisplayName("a Twilio 5xx is retried until the message goes through; nothing is lost")
  void twilioOutageRetried() throws Exception {
    String phone = "+50255550155";
    await(voz.enrol(phone, "es", "4821"));
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("outage").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("outage").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"sid\": \"SM2\", \"status\": \"queued\"}")));
    // a 503 without Twilio's JSON body is an answer the SDK cannot read: the retry asks Twilio's list first (empty:
    // Stubs.twilioAccepts)
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size() >= 2, Duration.ofSeconds(15));
  }

  private Session session(String survivorId) throws Exception {
    Versioned stored = await(loadSession(survivorId));
    return voz.session(survivorId, stored);
  }

  private Future<Versioned> loadSession(String survivorId) {
    Keys keys = new Keys(voz.prefix, voz.voz.config().redis().partitions());
    return new SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(survivorId), survivorId);
  }

  private List<Map<String, String>> sentMessages() {
    return twilio.sent();
  }

  private List<Map<String, String>> awaitSent(int n) {
    return twilio.awaitSent(n);
  }
}
