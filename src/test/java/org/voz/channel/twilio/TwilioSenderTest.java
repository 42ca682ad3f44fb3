package org.voz.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voz.dispatch.OutboundText;
import org.voz.conversation.SmsText;
import org.voz.dispatch.DeliveryException;

@ExtendWith(VertxExtension.class)
@DisplayName("TwilioSender against a stub of the Messages API: parts, templates, and which failures are permanent")
class TwilioSenderTest {

  static final String ACCOUNT = "AC00000000000000000000000000000000";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final String TO = "+50255550147";

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true)
      .build();

  /** The way to the Messages API under test: the non-blocking form POST here, the SDK in {@link SdkTwilioSenderTest}. */
  TwilioMessages messages(Vertx vertx, String apiBase) {
    return new TwilioMessagesApi(vertx, ACCOUNT, "token", apiBase);
  }

  private TwilioSender sender(Vertx vertx, boolean whatsapp, int maxSegments) {
    return new TwilioSender(messages(vertx, stub.baseUrl()), "+15550001111", whatsapp,
        null, maxSegments);
  }

  private static void answer(int status, String sample) {
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(sample(sample))));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "es|Tu solicitud quedó registrada y nadie más verá tus respuestas. |Escribe MENU.",
      "pt|Sua solicitação foi registrada e ninguém mais verá suas respostas. |Responda MENU.",
      "fr|Votre demande est enregistrée et personne d'autre ne verra vos réponses. |Répondez MENU."})
  @DisplayName("a reply over the budget, with accents (es, pt, fr), goes as several SMS, in order, each within it, cut on words")
  void longSmsInParts(String language, String sentence, String last, Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    String text = (sentence + " ").repeat(6) + last;
    await(sender(vertx, false, 2).send(TO, new OutboundText(text)));

    List<Map<String, String>> sent = sent();
    assertThat(sent).hasSizeGreaterThan(1);
    assertThat(sent).allSatisfy(form -> {
      assertThat(form).containsEntry("To", TO).containsEntry("From", "+15550001111");
      assertThat(org.voz.conversation.SmsSegments.segments(form.get("Body"))).isLessThanOrEqualTo(2);
    });
    String joined = sent.stream().map(form -> form.get("Body")).collect(Collectors.joining(" "));
    assertThat(joined).isEqualTo(text.strip());
    assertThat(sent.get(sent.size() - 1).get("Body")).endsWith(last);
  }

  @Test
  @DisplayName("typographic quotes and dashes go as GSM-7 when that is all that made the SMS UCS-2")
  void gsmReplacement(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    await(sender(vertx, false, 3).send(TO, new OutboundText("“Gracias” — responde cuando quieras…")));
    assertThat(sent().get(0)).containsEntry("Body", "\"Gracias\" - responde cuando quieras...");
  }

  @Test
  @DisplayName("WhatsApp is not segmented: a 500-character reply is one message, typography kept")
  void whatsappWhole(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    String text = "“Olá” — " + "a sua resposta foi registada. ".repeat(16);
    await(sender(vertx, true, 1).send(TO, new OutboundText(text)));
    assertThat(sent()).singleElement().satisfies(form -> assertThat(form)
        .containsEntry("To", "whatsapp:" + TO).containsEntry("From", "whatsapp:+15550001111")
        .containsEntry("Body", text.strip()));
  }

  @Test
  @DisplayName("a template goes with its ContentSid and no Body")
  void template(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    String sid = "HX" + "a".repeat(32);
    await(sender(vertx, true, 3).sendTemplate(TO, sid));
    assertThat(sent()).singleElement().satisfies(form -> assertThat(form)
        .containsEntry("To", "whatsapp:" + TO).containsEntry("ContentSid", sid).doesNotContainKey("Body"));
  }

  @Test
  @DisplayName("21610 (the recipient answered STOP at Twilio) is permanent: never retried")
  void unsubscribedIsPermanent(Vertx vertx) {
    answer(400, "error_21610.json");
    DeliveryException failure = failure(sender(vertx, false, 3).send(TO, new OutboundText("Hola")));
    assertThat(failure.permanent()).isTrue();
    assertThat(failure.getMessage()).contains("21610").contains("unsubscribed");
  }

  @Test
  @DisplayName("429 from Twilio is worth retrying")
  void tooManyRequestsIsTransient(Vertx vertx) {
    answer(429, "error_20429.json");
    DeliveryException failure = failure(sender(vertx, false, 3).send(TO, new OutboundText("Hola")));
    assertThat(failure.permanent()).isFalse();
  }

  @Test
  @DisplayName("a 500 from Twilio is worth retrying, by the outbox: the message is POSTed once, never re-sent here")
  void serverErrorIsSentOnceAndTransient(Vertx vertx) {
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
    DeliveryException failure = failure(sender(vertx, false, 3).send(TO, new OutboundText("Hola")));
    assertThat(failure.permanent()).isFalse();
    stub.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
  }

  @Test
  @DisplayName("each send is a form POST with HTTP basic auth (account SID, auth token) and the status callback")
  void basicAuthAndForm(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    await(new TwilioSender(messages(vertx, stub.baseUrl()), "MG0123", false,
        "https://voz.example.org/webhooks/twilio/status", 3).send(TO, new OutboundText("Olá")));
    var request = stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
        .encodeToString((ACCOUNT + ":token").getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(formOf(request.getBodyAsString())).containsEntry("MessagingServiceSid", "MG0123").doesNotContainKey("From")
        .containsEntry("Body", "Olá").containsEntry("StatusCallback", "https://voz.example.org/webhooks/twilio/status");
  }

  @Test
  @DisplayName("Twilio unreachable is worth retrying")
  void unreachableIsTransient(Vertx vertx) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DeliveryException failure = failure(new TwilioSender(messages(vertx, "http://127.0.0.1:" + closed), "+15550001111", false).send(TO, new OutboundText("Hola")));
    assertThat(failure.permanent()).isFalse();
  }

  @Test
  @DisplayName("the message SID is read from Twilio's answer, whatever comes before it")
  void sidOfTheAnswer() {
    assertThat(TwilioMessagesApi.sid(sample("message_created.json"))).matches("SM[0-9a-f]{32}");
    assertThat(TwilioMessagesApi.sid("{\"account_sid\":\"AC1\",\"subresource_uris\":{\"sid\":\"x\"},\"sid\":\"SM9\"}"))
        .isEqualTo("SM9");
    assertThat(TwilioMessagesApi.sid("not json")).isNull();
  }

  @Test
  @DisplayName("parts: the shortcut for a text already within the budget gives what the full split gives")
  void partsAsSplit(Vertx vertx) {
    TwilioSender sms = sender(vertx, false, 2);
    for (String text : List.of("Reply MENU for options.", "  padded  ", "“Olá” — sim", "Ação concluída", "",
        "palabra ".repeat(40), "x".repeat(306), "x".repeat(307), "{[€]}".repeat(30))) {
      assertThat(sms.parts(text)).as(text).isEqualTo(SmsText.split(text, 2));
    }
  }

  @Test
  @DisplayName("the From of each channel: prefix added for WhatsApp, removed for SMS, a Messaging Service kept")
  void senders() {
    assertThat(TwilioSender.senderFor("+1555", true)).isEqualTo("whatsapp:+1555");
    assertThat(TwilioSender.senderFor("whatsapp:+1555", false)).isEqualTo("+1555");
    assertThat(TwilioSender.senderFor("whatsapp:+1555", true)).isEqualTo("whatsapp:+1555");
    assertThat(TwilioSender.senderFor("MG123", true)).isEqualTo("MG123");
  }

  private static List<Map<String, String>> sent() {
    return stub.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> formOf(r.getBodyAsString())).toList();
  }

  static Map<String, String> formOf(String body) {
    return Arrays.stream(body.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(
            kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
            (a, b) -> a));
  }

  private static String sample(String name) {
    try (InputStream in = TwilioSenderTest.class.getResourceAsStream("/twilio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a hundred sends at once from an event loop (more than there are worker threads) all complete, each sent once")
  void manyAtOnce(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    TwilioSender sender = sender(vertx, false, 3);
    io.vertx.core.Promise<Void> all = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> Future.all(java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> sender.send(TO, new OutboundText("Hola " + i))).toList())
        .<Void>mapEmpty().onComplete(all));
    await(all.future());
    stub.verify(100, postRequestedFor(urlPathEqualTo(MESSAGES)));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  static DeliveryException failure(Future<?> future) {
    try {
      await(future);
    } catch (ExecutionException e) {
      return (DeliveryException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the send succeeded");
  }
}
