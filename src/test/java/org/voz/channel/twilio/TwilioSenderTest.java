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
  // ---- sending again after an attempt whose outcome is unknown: Twilio's message list first ----

  /** Twilio's dates: RFC 2822, {@code Mon, 07 Dec 2026 14:39:20 +0000}. */
  static final java.time.format.DateTimeFormatter TWILIO_DATE =
      java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

  /** One message of Twilio's list to {@link #TO}, created at {@code created}. */
  static io.vertx.core.json.JsonObject listed(String sid, String body, java.time.Instant created) {
    return new io.vertx.core.json.JsonObject().put("sid", sid).put("to", TO).put("from", "+15550001111").put("body", body)
        .put("status", "delivered").put("date_created", TWILIO_DATE.format(created.atZone(java.time.ZoneOffset.UTC)))
        .put("date_sent", null);
  }

  /** A page of Twilio's list; {@code next}: the next page's number, or {@code null} for the last. */
  static String page(int page, Integer next, io.vertx.core.json.JsonObject... messages) {
    String uri = MESSAGES + "?To=%2B50255550147&From=%2B15550001111&PageSize=50";
    return new io.vertx.core.json.JsonObject().put("messages", new io.vertx.core.json.JsonArray(List.of((Object[]) messages)))
        .put("uri", uri + "&Page=" + page).put("first_page_uri", uri + "&Page=0").put("page", page).put("page_size", 50)
        .put("next_page_uri", next == null ? null : uri + "&Page=" + next + "&PageToken=PA" + next)
        .put("previous_page_uri", null).encode();
  }

  private static void lists(String body, int page) {
    com.github.tomakehurst.wiremock.client.MappingBuilder list = com.github.tomakehurst.wiremock.client.WireMock
        .get(urlPathEqualTo(MESSAGES))
        .withQueryParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(TO))
        .withQueryParam("From", com.github.tomakehurst.wiremock.client.WireMock.equalTo("+15550001111"));
    list = page == 0 ? list.withQueryParam("Page", com.github.tomakehurst.wiremock.client.WireMock.absent())
        : list.withQueryParam("Page", com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(page)));
    stub.stubFor(list.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static final java.time.Instant SINCE = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @Test
  @DisplayName("sent again, a reply Twilio's list already has (the same body, created since the attempt) is not sent: its SID")
  void sendAgainFindsIt(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    lists(page(0, null, listed("SM" + "2".repeat(32), "Menu de nuevo", SINCE.plusSeconds(30)),
        listed("SM" + "1".repeat(32), "Hola, responde con tu PIN", SINCE.plusSeconds(1))), 0);

    List<String> sids = await(sender(vertx, false, 3).sendAgain(TO, new OutboundText("Hola, responde con tu PIN"), SINCE));

    assertThat(sids).containsExactly("SM" + "1".repeat(32));
    assertThat(sent()).isEmpty();
  }

  @Test
  @DisplayName("sent again, a reply whose body is not in the list, or only one created before the attempt, is sent once")
  void sendAgainNotFound(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    lists(page(0, null, listed("SM" + "3".repeat(32), "Hola, responde con tu PIN ", SINCE.plusSeconds(5)),
        listed("SM" + "1".repeat(32), "Hola, responde con tu PIN", SINCE.minusSeconds(1))), 0);

    await(sender(vertx, false, 3).sendAgain(TO, new OutboundText("Hola, responde con tu PIN"), SINCE));

    assertThat(sent()).extracting(form -> form.get("Body")).containsExactly("Hola, responde con tu PIN");
  }

  @Test
  @DisplayName("sent again, the list is read page by page: a body on the second page is found, without a send")
  void sendAgainPages(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    io.vertx.core.json.JsonObject[] newer = java.util.stream.IntStream.range(0, 3)
        .mapToObj(i -> listed("SM" + String.format("%032d", 10 + i), "Otro texto " + i, SINCE.plusSeconds(50 - i)))
        .toArray(io.vertx.core.json.JsonObject[]::new);
    lists(page(0, 1, newer), 0);
    lists(page(1, null, listed("SM" + "4".repeat(32), "Hola, responde con tu PIN", SINCE.plusSeconds(2))), 1);

    List<String> sids = await(sender(vertx, false, 3).sendAgain(TO, new OutboundText("Hola, responde con tu PIN"), SINCE));

    assertThat(sids).containsExactly("SM" + "4".repeat(32));
    assertThat(sent()).isEmpty();
  }

  @Test
  @DisplayName("sent again, a page that reaches back before the attempt is the last read: no next page is asked for")
  void sendAgainStopsAtTheWindow(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    lists(page(0, 1, listed("SM" + "5".repeat(32), "Otro texto", SINCE.minusSeconds(3))), 0);

    await(sender(vertx, false, 3).sendAgain(TO, new OutboundText("Hola, responde con tu PIN"), SINCE));

    stub.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(MESSAGES))
        .withQueryParam("Page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")));
    assertThat(sent()).hasSize(1);
  }

  @Test
  @DisplayName("sent again, a long SMS whose first part Twilio has: only the rest is sent, and every part's SID comes back in order")
  void sendAgainRestOfTheParts(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    String text = "Tu solicitud quedó registrada y nadie más verá tus respuestas. ".repeat(4) + "Escribe MENU.";
    TwilioSender sender = sender(vertx, false, 1);
    List<String> parts = sender.parts(text);
    assertThat(parts).hasSizeGreaterThan(1);
    lists(page(0, null, listed("SM" + "6".repeat(32), parts.get(0), SINCE.plusSeconds(1))), 0);

    List<String> sids = await(sender.sendAgain(TO, new OutboundText(text), SINCE));

    assertThat(sent()).extracting(form -> form.get("Body")).containsExactlyElementsOf(parts.subList(1, parts.size()));
    assertThat(sids).hasSize(parts.size()).startsWith("SM" + "6".repeat(32));
  }

  @Test
  @DisplayName("sent again, Twilio's list answering 500 does not hold the reply up: it is sent once")
  void sendAgainListFails(Vertx vertx) throws Exception {
    answer(201, "message_created.json");
    stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(MESSAGES)).willReturn(aResponse()
        .withStatus(500).withHeader("Content-Type", "application/json").withBody("{\"code\":20500,\"status\":500}")));

    await(sender(vertx, false, 3).sendAgain(TO, new OutboundText("Hola"), SINCE));

    assertThat(sent()).extracting(form -> form.get("Body")).containsExactly("Hola");
  }

  @Test
  @DisplayName("the matching: exact bodies, each listed message taken once, the first part missing ends the parts found")
  void alreadySentMatching() {
    java.time.Instant t = java.time.Instant.parse("2026-12-07T10:00:00Z");
    List<TwilioMessages.Listed> newestFirst = List.of(
        new TwilioMessages.Listed("SM3", "Escribe MENU.", t.plusSeconds(2), null),
        new TwilioMessages.Listed("SM2", "Hola", t.plusSeconds(1), null),
        new TwilioMessages.Listed("SM1", "Hola", t, null));
    assertThat(TwilioSender.alreadySent(List.of("Hola", "Hola", "Escribe MENU."), newestFirst)).containsExactly("SM1", "SM2", "SM3");
    assertThat(TwilioSender.alreadySent(List.of("Hola", "Hola", "Hola"), newestFirst)).containsExactly("SM1", "SM2");
    assertThat(TwilioSender.alreadySent(List.of("hola"), newestFirst)).isEmpty();
    assertThat(TwilioSender.alreadySent(List.of("Hola ", "Escribe MENU."), newestFirst)).isEmpty();
    assertThat(TwilioSender.alreadySent(List.of("Hola"), List.of())).isEmpty();
  }

  @Test
  @DisplayName("Twilio's dates (RFC 2822) are read to the second; an unreadable one is none")
  void twilioDates() {
    assertThat(TwilioMessagesApi.created("Mon, 07 Dec 2026 14:39:20 +0000")).isEqualTo(java.time.Instant.parse("2026-12-07T14:39:20Z"));
    assertThat(TwilioMessagesApi.created("Mon, 07 Dec 2026 15:39:20 +0100")).isEqualTo(java.time.Instant.parse("2026-12-07T14:39:20Z"));
    assertThat(TwilioMessagesApi.created("yesterday")).isNull();
    assertThat(TwilioMessagesApi.created(null)).isNull();
  }
}
