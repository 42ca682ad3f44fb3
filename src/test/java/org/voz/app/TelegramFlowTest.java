package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.consent.Survivor;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.conversation.Inbound;
import org.voz.conversation.Session;
import org.voz.conversation.SurvivorView;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;
import org.voz.store.Versioned;

@VozTest
@VozStubs(twilio = false) // Telegram only: a message to Twilio would be unmatched and fail the test
@DisplayName("Telegram, end to end: webhook, secret, linking, commit, outbox, Bot API")
class TelegramFlowTest {

  private WireMockServer stub;

  private final Engine engine = new Engine(Conversations.load(java.nio.file.Path.of("conversations")), Engine.Options.DEFAULTS);
  private final AtomicLong updateIds = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L));
  private TelegramHarness tg;

  @BeforeEach
  void start(VozRoom room, WireMockServer stub) throws Exception {
    this.stub = stub;
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(sampleText("send_message_ok.json"))));
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.ANSWER_CALLBACK)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":true}")));
    tg = room.telegram(); // after the Bot API stubs
  }

  @Test
  @DisplayName("a missing or wrong secret token gets 403 and changes nothing; the right one gets 200")
  void secretChecked() throws Exception {
    long chat = newChat();
    await(tg.enrol("telegram", String.valueOf(chat), "es"));
    String body = TelegramHarness.text(nextUpdate(), chat, "Hola").encode();

    for (String wrong : new String[] {null, "", "wrong", TelegramHarness.SECRET + "x", TelegramHarness.SECRET.substring(1)}) {
      HttpResponse<Buffer> refused = await(tg.update(body, wrong));
      assertThat(refused.statusCode()).as(String.valueOf(wrong)).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
    }
    // refused updates change nothing: no reply may be sent over several outbox sweeps
    holdsFor(Duration.ofMillis(300), () -> sentTo(chat).isEmpty());
    assertThat(sentTo(chat)).isEmpty();

    assertThat(await(tg.update(body, TelegramHarness.SECRET)).statusCode()).isEqualTo(200);
    assertThat(awaitSentTo(chat, 1)).hasSize(1);
  }

  @Test
  @DisplayName("with no webhook secret configured every update is refused")
  @VozConfig("telegram.webhookSecret=")
  void noSecretRefusesAll() throws Exception {
    TelegramHarness open = tg; // started with no webhook secret (@VozConfig)
    String body = TelegramHarness.text(nextUpdate(), newChat(), "Hola").encode();
    assertThat(await(open.update(body, null)).statusCode()).isEqualTo(403);
    assertThat(await(open.update(body, "")).statusCode()).isEqualTo(403);
    assertThat(await(open.update(body, "anything")).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("malformed JSON is a 400 with a JSON error; edits, group chats and unknown kinds are 200 and ignored")
  void malformedAndIgnored() throws Exception {
    for (String bad : new String[] {"{", "[1]", "{\"message\": {}}", "", "{\"update_id\": \"x\"}"}) {
      HttpResponse<Buffer> response = await(tg.update(bad, TelegramHarness.SECRET));
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
    }
    assertThat(await(tg.update(TelegramHarness.sample("edited_message.json"))).statusCode()).isEqualTo(200);
    assertThat(await(tg.update(TelegramHarness.sample("group_message.json"))).statusCode()).isEqualTo(200);
    assertThat(await(tg.update(new JsonObject().put("update_id", nextUpdate()).put("poll", new JsonObject()
        .put("id", "1").put("question", "?").put("options", new JsonArray())))).statusCode()).isEqualTo(200);
    // ignored updates get no reply: none may be sent over several outbox sweeps
    holdsFor(Duration.ofMillis(300), () -> stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).isEmpty());
    assertThat(stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)))).isEmpty();
  }

  @Test
  @DisplayName("a text gets its reply at sendMessage, and a reply with choices carries them as inline buttons")
  void textGetsReplyWithKeyboard() throws Exception {
    long chat = newChat();
    await(tg.enrol("telegram", String.valueOf(chat), "es"));

    assertThat(await(tg.update(TelegramHarness.text(nextUpdate(), chat, "Hola"))).statusCode()).isEqualTo(200);
    JsonObject prompt = awaitSentTo(chat, 1).get(0);
    assertThat(prompt.getString("text")).isEqualTo(pinPrompt("es"));
    assertThat(prompt.containsKey("reply_markup")).isFalse();

    await(tg.update(TelegramHarness.text(nextUpdate(), chat, "4821")));
    JsonObject menu = lastWithKeyboard(awaitSentTo(chat, 2));
    JsonArray rows = menu.getJsonObject("reply_markup").getJsonArray("inline_keyboard");
    assertThat(rows).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      JsonObject button = rows.getJsonArray(i).getJsonObject(0);
      assertThat(button.getString("callback_data")).isEqualTo(String.valueOf(i + 1));
      assertThat(menu.getString("text")).contains(button.getString("text"));
    }
  }

  @Test
  @DisplayName("a repeated update_id is answered 200 and changes and sends nothing more")
  void duplicateUpdateIgnored() throws Exception {
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();
    JsonObject update = TelegramHarness.text(nextUpdate(), chat, "Hola");

    assertThat(await(tg.update(update)).statusCode()).isEqualTo(200);
    awaitSentTo(chat, 1);
    assertThat(await(tg.update(update)).statusCode()).isEqualTo(200);
    assertThat(await(tg.update(update)).statusCode()).isEqualTo(200);

    assertThat(session(id).turns()).isEqualTo(1);
    // the repeats send nothing more: still one reply over several outbox sweeps
    holdsFor(Duration.ofMillis(500), () -> sentTo(chat).size() == 1);
    assertThat(sentTo(chat)).hasSize(1);
  }

  @Test
  @DisplayName("update ids arriving out of order are each handled once: dedupe is a set, not a high-water mark")
  void outOfOrderUpdates() throws Exception {
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();
    long first = nextUpdate();
    long second = nextUpdate();

    await(tg.update(TelegramHarness.text(second, chat, "Hola")));
    await(tg.update(TelegramHarness.text(first, chat, "Hola")));
    await(tg.update(TelegramHarness.text(second, chat, "Hola")));

    assertThat(session(id).turns()).isEqualTo(2);
    assertThat(awaitSentTo(chat, 2)).hasSize(2);
  }

  @Test
  @DisplayName("a button press is answered with answerCallbackQuery and handled exactly like typing its number")
  void callbackIsTheChoice() throws Exception {
    long pressing = newChat();
    long typing = newChat();
    await(tg.enrol("telegram", String.valueOf(pressing), "es"));
    await(tg.enrol("telegram", String.valueOf(typing), "es"));
    for (long chat : new long[] {pressing, typing}) {
      await(tg.update(TelegramHarness.text(nextUpdate(), chat, "Hola")));
      awaitSentTo(chat, 1);
      await(tg.update(TelegramHarness.text(nextUpdate(), chat, "4821")));
      awaitSentTo(chat, 2);
    }

    HttpResponse<Buffer> pressed = await(tg.update(TelegramHarness.callback(nextUpdate(), pressing, "98765432101", "1")));
    await(tg.update(TelegramHarness.text(nextUpdate(), typing, "1")));

    assertThat(pressed.statusCode()).isEqualTo(200);
    List<JsonObject> toPressing = awaitSentTo(pressing, 3);
    List<JsonObject> toTyping = awaitSentTo(typing, 3);
    assertThat(toPressing.get(2).getString("text")).isEqualTo(toTyping.get(2).getString("text"));
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.ANSWER_CALLBACK))).isEmpty(), Duration.ofSeconds(5));
    JsonObject answer = new JsonObject(stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.ANSWER_CALLBACK))).get(0).getBodyAsString());
    assertThat(answer.getString("callback_query_id")).isEqualTo("98765432101");
  }

  @Test
  @DisplayName("a valid link code links the chat and starts at the PIN; the used code then gets the neutral answer")
  void linkWithValidThenUsedCode() throws Exception {
    TelegramHarness.Enrolled enrolled = await(tg.enrol("sms", "+502555" + (10000 + ThreadLocalRandom.current().nextInt(89999)), "es"));
    long chat = newChat();
    JsonObject start = TelegramHarness.start(nextUpdate(), chat, enrolled.linkCode());

    assertThat(await(tg.update(start)).statusCode()).isEqualTo(200);
    assertThat(awaitSentTo(chat, 1).get(0).getString("text")).isEqualTo(pinPrompt("es"));
    assertThat(await(tg.update(start)).statusCode()).isEqualTo(200); // Telegram retrying the same update
    Survivor record = await(survivors().find(enrolled.id())).orElseThrow();
    assertThat(record.contacts()).contains(new Survivor.Contact("telegram", String.valueOf(chat)));
    assertThat(await(survivors().idForAddress("telegram", String.valueOf(chat)))).contains(enrolled.id());

    await(tg.update(TelegramHarness.text(nextUpdate(), chat, "4821")));
    waitFor(() -> sessionOrNull(enrolled.id()) != null && sessionOrNull(enrolled.id()).verified(), Duration.ofSeconds(5));
    assertThat(session(enrolled.id()).turns()).isEqualTo(2);

    long other = newChat();
    assertThat(await(tg.update(TelegramHarness.start(nextUpdate(), other, enrolled.linkCode()))).statusCode()).isEqualTo(200);
    assertThat(awaitSentTo(other, 1).get(0).getString("text")).isEqualTo(neutral());
    assertThat(await(survivors().idForAddress("telegram", String.valueOf(other)))).isEmpty();
  }

  @Test
  @DisplayName("a survivor enrolled with no contact of their own (contacts empty) gets the Telegram link, joins through "
      + "it alone, and is answered")
  void enrolledWithoutContacts() throws Exception {
    String cm = "cm-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    TelegramHarness.Enrolled enrolled = await(tg.enrol(cm, org.voz.testing.EnrolmentJson.of(cm).language("es")
        .consent(org.voz.testing.ConsentJson.caseNotes("c1")).json().put("contacts", new JsonArray())));
    assertThat(enrolled.linkCode()).matches("[A-Za-z0-9_-]{16,}");
    assertThat(await(survivors().find(enrolled.id())).orElseThrow().contacts()).isEmpty();

    long chat = newChat();
    assertThat(await(tg.update(TelegramHarness.start(nextUpdate(), chat, enrolled.linkCode()))).statusCode()).isEqualTo(200);
    assertThat(awaitSentTo(chat, 1).get(0).getString("text")).isEqualTo(pinPrompt("es"));
    assertThat(await(survivors().find(enrolled.id())).orElseThrow().contacts())
        .containsExactly(new Survivor.Contact("telegram", String.valueOf(chat)));

    await(tg.update(TelegramHarness.text(nextUpdate(), chat, "4821")));
    waitFor(() -> sessionOrNull(enrolled.id()) != null && sessionOrNull(enrolled.id()).verified(), Duration.ofSeconds(5));
    assertThat(awaitSentTo(chat, 2).get(1).getString("text")).as("the menu, after the PIN").startsWith("¿Qué quieres hacer?");
  }

  @Test
  @DisplayName("an expired or a wrong link code gets the same neutral answer as a stranger and links nothing")
  void expiredAndWrongCodes() throws Exception {
    TelegramHarness.Enrolled enrolled = await(tg.enrol("sms", "+502556" + (10000 + ThreadLocalRandom.current().nextInt(89999)), "es"));
    String shortLived = await(new TelegramLinks(tg.redis, tg.keys).create(enrolled.id(), Duration.ofSeconds(1)));
    String key = tg.keys.global("tglink", sha256(shortLived));
    waitFor(() -> existsNow(key) == 0L, Duration.ofSeconds(5));

    long expiredChat = newChat();
    long wrongChat = newChat();
    await(tg.update(TelegramHarness.start(nextUpdate(), expiredChat, shortLived)));
    await(tg.update(TelegramHarness.start(nextUpdate(), wrongChat, "NotARealCode_123")));

    assertThat(awaitSentTo(expiredChat, 1).get(0).getString("text")).isEqualTo(neutral());
    assertThat(awaitSentTo(wrongChat, 1).get(0).getString("text")).isEqualTo(neutral());
    assertThat(await(survivors().idForAddress("telegram", String.valueOf(expiredChat)))).isEmpty();
    assertThat(await(survivors().idForAddress("telegram", String.valueOf(wrongChat)))).isEmpty();
    assertThat(await(survivors().find(enrolled.id())).orElseThrow().contacts()).hasSize(1);
  }

  @Test
  @DisplayName("a photo without text gets the engine's media answer")
  void mediaAnswered() throws Exception {
    long chat = newChat();
    await(tg.enrol("telegram", String.valueOf(chat), "es"));
    assertThat(await(tg.update(TelegramHarness.photo(nextUpdate(), chat))).statusCode()).isEqualTo(200);
    String expected = engine.step(Session.fresh("es"), new Inbound("", "telegram", true), Instant.now(),
        SurvivorView.of("x", List.of()), pin -> false).replies().get(0).text();
    assertThat(awaitSentTo(chat, 1).get(0).getString("text")).isEqualTo(expected);
  }

  @Test
  @DisplayName("a 429 with retry_after is retried, and the second attempt comes no sooner than retry_after")
  void tooManyRequestsHonoured() throws Exception {
    long chat = newChat();
    await(tg.enrol("telegram", String.valueOf(chat), "es"));
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).inScenario("flood").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody(sampleText("too_many_requests.json")))
        .willSetStateTo("calm"));
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).inScenario("flood").whenScenarioStateIs("calm")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(sampleText("send_message_ok.json"))));

    await(tg.update(TelegramHarness.text(nextUpdate(), chat, "Hola")));

    waitFor(() -> requestsTo(chat).size() >= 2, Duration.ofSeconds(10));
    List<LoggedRequest> attempts = requestsTo(chat);
    long gap = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
    assertThat(gap).isGreaterThanOrEqualTo(1000);
    // delivered on the second attempt: no third may come over several outbox sweeps
    holdsFor(Duration.ofMillis(300), () -> requestsTo(chat).size() == 2);
    assertThat(requestsTo(chat)).hasSize(2);
  }

  @Test
  @DisplayName("a 403 (the survivor blocked the bot) is permanent: one attempt, no retry")
  void blockedIsPermanent() throws Exception {
    long chat = newChat();
    await(tg.enrol("telegram", String.valueOf(chat), "es"));
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).atPriority(1)
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.chat_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(chat))))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody(sampleText("bot_blocked.json"))));

    await(tg.update(TelegramHarness.text(nextUpdate(), chat, "Hola")));
    waitFor(() -> requestsTo(chat).size() >= 1, Duration.ofSeconds(10));
    // permanent: no retry may come over several outbox sweeps and backoffs (at most 0.2 s in tests)
    holdsFor(Duration.ofMillis(800), () -> requestsTo(chat).size() == 1);
    assertThat(requestsTo(chat)).hasSize(1);
  }

  // --- helpers ---

  private long nextUpdate() {
    return updateIds.incrementAndGet();
  }

  private static long newChat() {
    return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
  }

  private String pinPrompt(String language) {
    return engine.step(Session.fresh(language), Inbound.text("Hola", "telegram"), Instant.now(),
        SurvivorView.of("x", List.of()), pin -> false).replies().get(0).text();
  }

  private String neutral() {
    return engine.unknownSender(Inbound.text("/start", "telegram"), Instant.now()).replies().get(0).text();
  }

  private List<LoggedRequest> requestsTo(long chat) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).stream()
        .filter(r -> String.valueOf(chat).equals(new JsonObject(r.getBodyAsString()).getString("chat_id")))
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  private List<JsonObject> sentTo(long chat) {
    return requestsTo(chat).stream().map(r -> new JsonObject(r.getBodyAsString())).toList();
  }

  private List<JsonObject> awaitSentTo(long chat, int n) throws InterruptedException {
    waitFor(() -> sentTo(chat).size() >= n, Duration.ofSeconds(10));
    return sentTo(chat);
  }

  private static JsonObject lastWithKeyboard(List<JsonObject> sent) {
    return sent.stream().filter(m -> m.containsKey("reply_markup")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no message with an inline keyboard: " + sent));
  }

  private SurvivorRepository survivors() {
    return new SurvivorRepository(tg.redis, tg.keys, tg.keyring);
  }

  private Session session(String survivorId) throws Exception {
    Versioned stored = await(new SessionStore(tg.redis, tg.keys, Duration.ofDays(1)).load(tg.keys.partitionOf(survivorId), survivorId));
    return org.voz.store.SessionCodec.open(survivors().sealer(survivorId, stored.survivorKey()), survivorId, stored.blob(), stored.version());
  }

  private Session sessionOrNull(String survivorId) {
    try {
      Versioned stored = await(new SessionStore(tg.redis, tg.keys, Duration.ofDays(1)).load(tg.keys.partitionOf(survivorId), survivorId));
      return stored.blob() == null ? null : org.voz.store.SessionCodec.open(survivors().sealer(survivorId, stored.survivorKey()), survivorId, stored.blob(), stored.version());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long existsNow(String key) {
    try {
      return await(tg.redis.future(tg.redis.commands().exists(key)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sampleText(String name) {
    return TelegramHarness.sample(name).encode();
  }
}
