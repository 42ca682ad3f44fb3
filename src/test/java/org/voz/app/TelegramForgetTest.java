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
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozStubs(twilio = false) // Telegram only: a message to Twilio would be unmatched and fail the test
@DisplayName("Telegram: what a verified conversation showed is deleted from the chat when it ends")
class TelegramForgetTest {

  static final String DELETE = "/bot" + TelegramHarness.BOT_TOKEN + "/deleteMessages";

  private VozRoom room;
  private WireMockServer stub;

  private final AtomicLong updateIds = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L));
  private final AtomicLong messageIds = new AtomicLong(1000);
  private TelegramHarness tg;

  @BeforeEach
  void stubs(VozRoom room, WireMockServer stub) {
    this.room = room;
    this.stub = stub;
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).willReturn(okWith("send_message_ok.json")));
    stub.stubFor(post(urlPathEqualTo(DELETE)).willReturn(okWith("delete_messages_ok.json")));
  }

  @Test
  @DisplayName("quick exit deletes at once the bot's answers shown after the PIN and the survivor's own messages they answered (the PIN), not the rest")
  void quickExitDeletesAtOnce() throws Exception {
    tg = room.telegram();
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();

    long hello = say(chat, "Hola", 1);
    long pin = say(chat, "4821", 2);
    long choice = say(chat, "1", 3);
    waitFor(() -> recorded(id) >= 4, Duration.ofSeconds(10)); // two answers, two of the survivor's messages
    assertThat(deletes()).isEmpty();
    long exit = say(chat, "SALIR", 4);

    waitFor(() -> !deletes().isEmpty(), Duration.ofSeconds(10));
    JsonObject delete = deletes().get(0);
    assertThat(delete.getString("chat_id")).isEqualTo(String.valueOf(chat));
    List<Object> deleted = delete.getJsonArray("message_ids").getList();
    // 46 is the message_id the recorded sendMessage answer gives every message the bot sends
    assertThat(deleted).containsExactlyInAnyOrder(46, (int) pin, (int) choice);
    assertThat(deleted).doesNotContain((int) hello, (int) exit);
    waitFor(() -> recorded(id) == 0, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("an answer still waiting for its retry at the quick exit is deleted by the quick exit's second pass")
  void answerInFlightAtQuickExit() throws Exception {
    tg = room.telegram();
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();
    say(chat, "Hola", 1);
    long pin = say(chat, "4821", 2);
    waitFor(() -> recorded(id) >= 2, Duration.ofSeconds(10));
    // Telegram refuses the next answer for a second (429): it waits for its retry while the survivor quits
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).inScenario("flood").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody(TelegramHarness.sample("too_many_requests.json").encode()))
        .willSetStateTo("calm"));
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).inScenario("flood").whenScenarioStateIs("calm")
        .willReturn(okWith("send_message_ok.json")));

    long choice = say(chat, "1", 3); // refused once
    say(chat, "SALIR", 4);

    waitFor(() -> deletes().size() >= 2, Duration.ofSeconds(25));
    List<Object> deleted = deletes().stream().flatMap(d -> d.getJsonArray("message_ids").getList().stream()).toList();
    assertThat(deleted).contains(46, (int) pin, (int) choice);
    waitFor(() -> recorded(id) == 0, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a chat quiet for longer than the idle timeout is swept: the last sensitive answers go too")
  @VozConfig({"conversation.idleTimeout=PT6S", "telegram.forgetSweepInterval=PT0.2S"})
  void quietChatSwept() throws Exception {
    tg = room.telegram();
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();
    say(chat, "Hola", 1);
    long pin = say(chat, "4821", 2);
    assertThat(deletes()).as("not before the chat was quiet for the idle timeout").isEmpty();

    waitFor(() -> !deletes().isEmpty(), Duration.ofSeconds(20));
    assertThat(deletes().get(0).getJsonArray("message_ids").getList()).containsExactlyInAnyOrder(46, (int) pin);
    waitFor(() -> recorded(id) == 0, Duration.ofSeconds(5));
    // swept once: no second deletion may come over several sweeps (every 0.2 s here)
    holdsFor(Duration.ofMillis(600), () -> deletes().size() == 1);
    assertThat(deletes()).hasSize(1);
  }

  @Test
  @DisplayName("'message to delete not found' (already gone, or past 48 h) is accepted: forgotten, not retried")
  void notFoundIsDone() throws Exception {
    stub.stubFor(post(urlPathEqualTo(DELETE)).atPriority(1).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(TelegramHarness.sample("delete_message_not_found.json").encode())));
    tg = room.telegram();
    long chat = newChat();
    String id = await(tg.enrol("telegram", String.valueOf(chat), "es")).id();
    say(chat, "Hola", 1);
    say(chat, "4821", 2);
    waitFor(() -> recorded(id) >= 2, Duration.ofSeconds(10));
    say(chat, "SALIR", 3);

    waitFor(() -> recorded(id) == 0, Duration.ofSeconds(10));
    // forgotten, not retried: no second deletion may come over several outbox sweeps and backoffs
    holdsFor(Duration.ofMillis(800), () -> deletes().size() == 1);
    assertThat(deletes()).hasSize(1);
  }

  // --- helpers ---

  /** Sends {@code text} as the survivor (a fresh message_id, returned) and waits for the n-th answer. */
  private long say(long chat, String text, int answers) throws Exception {
    long messageId = messageIds.incrementAndGet();
    JsonObject update = TelegramHarness.text(updateIds.incrementAndGet(), chat, text);
    update.getJsonObject("message").put("message_id", messageId);
    assertThat(await(tg.update(update)).statusCode()).isEqualTo(200);
    waitFor(() -> sentTo(chat) >= answers, Duration.ofSeconds(10));
    return messageId;
  }

  private long sentTo(long chat) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).stream()
        .filter(r -> String.valueOf(chat).equals(new JsonObject(r.getBodyAsString()).getString("chat_id")))
        .count();
  }

  private List<JsonObject> deletes() {
    return stub.findAll(postRequestedFor(urlPathEqualTo(DELETE))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .toList();
  }

  private long recorded(String survivorId) {
    try {
      return await(tg.redis.future(tg.redis.commands().zcard(
          tg.keys.inPartition(tg.keys.partitionOf(survivorId), "shown", survivorId))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long newChat() {
    return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okWith(String sample) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(TelegramHarness.sample(sample).encode());
  }
}
