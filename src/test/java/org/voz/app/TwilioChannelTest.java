package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.conversation.Inbound;
import org.voz.conversation.Session;
import org.voz.conversation.SurvivorView;

@VozTest
@DisplayName("Twilio channel: delivery status callbacks and media messages")
class TwilioChannelTest {

  private static final String MESSAGES = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json";
  private static final String STATUS = "/webhooks/twilio/status";

  private WireMockServer stub;

  private final Engine engine = new Engine(Conversations.load(java.nio.file.Path.of("conversations")), Engine.Options.DEFAULTS);
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  @Test
  @DisplayName("a signed status callback is answered 200 and counted by channel and status")
  void signedStatusCounted() throws Exception {
    assertThat(await(signedStatus(status("+50255550160", "delivered", null))).statusCode()).isEqualTo(200);
    assertThat(await(signedStatus(status("whatsapp:+50255550161", "undelivered", "63016"))).statusCode()).isEqualTo(200);
    assertThat(await(signedStatus(status("+50255550162", "failed", "30006"))).statusCode()).isEqualTo(200);
    assertThat(await(signedStatus(status("+50255550163", "something_new", null))).statusCode()).isEqualTo(200);

    String metrics = await(voz.client.get("/metrics").send()).bodyAsString();
    assertThat(metrics)
        .contains("voz_delivery_status_total{channel=\"sms\",status=\"delivered\"} 1.0")
        .contains("voz_delivery_status_total{channel=\"whatsapp\",status=\"undelivered\"} 1.0")
        .contains("voz_delivery_status_total{channel=\"sms\",status=\"failed\"} 1.0")
        .contains("voz_delivery_status_total{channel=\"sms\",status=\"other\"} 1.0")
        .doesNotContain("50255550160");
  }

  @Test
  @DisplayName("an unsigned, forged or wrongly addressed status callback gets 403 and is not counted")
  void unsignedStatusRefused() throws Exception {
    Map<String, String> params = status("+50255550164", "delivered", null);
    assertThat(await(postStatus(params, null)).statusCode()).isEqualTo(403);
    assertThat(await(postStatus(params, "bm90IGEgc2lnbmF0dXJl")).statusCode()).isEqualTo(403);
    String forOtherUrl = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);
    assertThat(await(postStatus(params, forOtherUrl)).statusCode()).isEqualTo(403);
    String metrics = await(voz.client.get("/metrics").send()).bodyAsString();
    assertThat(metrics).doesNotContain("voz_delivery_status_total{");
  }

  @Test
  @DisplayName("a signed status callback without MessageSid or MessageStatus is a 400 naming the field")
  void statusFieldsRequired() throws Exception {
    Map<String, String> noSid = status("+50255550165", "sent", null);
    noSid.remove("MessageSid");
    HttpResponse<Buffer> response = await(signedStatus(noSid));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("MessageSid");
    Map<String, String> noStatus = status("+50255550165", "sent", null);
    noStatus.remove("MessageStatus");
    assertThat(await(signedStatus(noStatus)).bodyAsJsonObject().getString("field")).isEqualTo("MessageStatus");
  }

  @Test
  @DisplayName("an MMS or WhatsApp picture without text gets the engine's media answer, with a status callback URL")
  void mediaAnswered() throws Exception {
    String phone = "+50255550166";
    await(voz.enrol(phone, "es", "4821"));
    Map<String, String> params = VozHarness.twilioParams(phone, "", VozHarness.newSid());
    params.put("NumMedia", "1");
    params.put("MediaContentType0", "image/jpeg");
    params.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages/MM1/Media/ME1");
    String signature = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);

    assertThat(await(voz.postTwilio(params, signature)).statusCode()).isEqualTo(200);

    String expected = engine.step(Session.fresh("es"), new Inbound("", "sms", true), Instant.now(),
        SurvivorView.of("x", List.of()), pin -> false).replies().get(0).text();
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).isEmpty(), Duration.ofSeconds(10));
    Map<String, String> sent = Stubs.formOf(stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0).getBodyAsString());
    assertThat(sent).containsEntry("To", phone).containsEntry("Body", expected)
        .containsEntry("StatusCallback", voz.publicUrl + STATUS);
  }

  /** A status callback as Twilio sends it. */
  private static Map<String, String> status(String to, String status, String errorCode) {
    Map<String, String> p = new TreeMap<>();
    String sid = VozHarness.newSid();
    p.put("AccountSid", VozHarness.ACCOUNT);
    p.put("ApiVersion", "2010-04-01");
    p.put("From", to.startsWith("whatsapp:") ? "whatsapp:" + VozHarness.FROM : VozHarness.FROM);
    p.put("MessageSid", sid);
    p.put("MessageStatus", status);
    p.put("SmsSid", sid);
    p.put("SmsStatus", status);
    p.put("To", to);
    if (errorCode != null) {
      p.put("ErrorCode", errorCode);
    }
    return p;
  }

  private Future<HttpResponse<Buffer>> signedStatus(Map<String, String> params) {
    return postStatus(params, VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + STATUS, params));
  }

  private Future<HttpResponse<Buffer>> postStatus(Map<String, String> params, String signature) {
    var request = voz.client.post(STATUS).putHeader("Content-Type", "application/x-www-form-urlencoded");
    if (signature != null) {
      request.putHeader("X-Twilio-Signature", signature);
    }
    return request.sendBuffer(Buffer.buffer(VozHarness.form(params)));
  }
}
