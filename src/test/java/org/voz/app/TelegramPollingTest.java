package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozStubs(twilio = false) // Telegram only: a message to Twilio would be unmatched and fail the test
@VozConfig("telegram.mode=polling")
@DisplayName("Telegram long polling (development): getUpdates with an offset, each update through the webhook's handling")
class TelegramPollingTest {

  private static final String GET_UPDATES = "/bot" + TelegramHarness.BOT_TOKEN + "/getUpdates";
  private static final String POLL = "poll";

  private WireMockServer stub;

  private TelegramHarness tg;

  @BeforeEach
  void start(VozRoom room, WireMockServer stub) throws Exception {
    this.stub = stub;
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":{\"message_id\":7}}")));
    nothingNew(STARTED);
    tg = room.telegram(); // polls at once: after the getUpdates stub
  }

  @Test
  @DisplayName("a polled message is committed and answered once, even when Telegram hands it out twice; the offset moves past it")
  void polledMessageAnswered() throws Exception {
    long chat = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    long updateId = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
    await(tg.enrol("telegram", String.valueOf(chat), "es"));
    JsonObject update = TelegramHarness.text(updateId, chat, "Hola");
    updates("ready", "again", new JsonArray().add(update));
    updates("again", "done", new JsonArray().add(update)); // the same update once more, as after a lost offset
    nothingNew("done");

    stub.setScenarioState(POLL, "ready");

    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).isEmpty(), Duration.ofSeconds(10));
    waitFor(() -> polledWithOffset(updateId + 1), Duration.ofSeconds(10));
    // one update, one reply: no second may be sent over several polls and outbox sweeps
    holdsFor(Duration.ofMillis(500), () -> stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).size() == 1);
    List<LoggedRequest> replies = stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)));
    assertThat(replies).hasSize(1);
    assertThat(new JsonObject(replies.get(0).getBodyAsString()).getValue("chat_id").toString()).isEqualTo(String.valueOf(chat));
    JsonObject poll = new JsonObject(stub.findAll(postRequestedFor(urlPathEqualTo(GET_UPDATES))).get(0).getBodyAsString());
    assertThat(poll.getLong("timeout")).isPositive();
    assertThat(poll.getJsonArray("allowed_updates")).containsExactly("message", "callback_query");
  }

  @Test
  @DisplayName("in polling mode the webhook endpoint refuses every update, even with the right secret")
  void noWebhook() throws Exception {
    assertThat(await(tg.update(TelegramHarness.text(1, 1, "Hola"))).statusCode()).isEqualTo(403);
  }

  private boolean polledWithOffset(long offset) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(GET_UPDATES))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .anyMatch(body -> body.getLong("offset", 0L) == offset);
  }

  /** getUpdates in {@code state}: nothing new, after a short hold (as a long poll with a timeout would). */
  private void nothingNew(String state) {
    stub.stubFor(post(urlPathEqualTo(GET_UPDATES)).inScenario(POLL).whenScenarioStateIs(state)
        .willReturn(aResponse().withStatus(200).withFixedDelay(150)
            .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":[]}")));
  }

  private void updates(String state, String next, JsonArray updates) {
    stub.stubFor(post(urlPathEqualTo(GET_UPDATES)).inScenario(POLL).whenScenarioStateIs(state).willSetStateTo(next)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(new JsonObject().put("ok", true).put("result", updates).encode())));
  }
}
