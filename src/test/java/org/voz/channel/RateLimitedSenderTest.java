package org.voz.channel;

import org.voz.dispatch.OutboundText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voz.channel.RateLimitedSender.Limit;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramSender;
import org.voz.channel.twilio.TwilioMessagesApi;
import org.voz.channel.twilio.TwilioSender;
import org.voz.dispatch.DeliveryException;

@ExtendWith(VertxExtension.class)
@DisplayName("Rate limits, counted at the stub: a burst waits its turn instead of failing")
class RateLimitedSenderTest {

  private static final String ACCOUNT = "AC00000000000000000000000000000000";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String TOKEN = "7012345678:AAE-test-token_0123456789abcdefghij";
  private static final String SEND_MESSAGE = "/bot" + TOKEN + "/sendMessage";
  /**
   * Slack for timers and for the latency of a request on a busy machine, which shifts its arrival (the exact
   * schedule is proven without I/O in RateLimiterTest). Unlimited, a burst arrives within a few ms.
   */
  private static final long SLACK_MS = 300;

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true)
      .build();

  @Test
  @DisplayName("Twilio: a burst of 4 SMS at 2 per second reaches the stub spread over 1.5 s, all of them")
  void twilioPerSender(Vertx vertx) throws Exception {
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM1\", \"status\": \"queued\"}")));
    TwilioSender twilio = new TwilioSender(new TwilioMessagesApi(vertx, ACCOUNT, "token", stub.baseUrl()), "+15550001111",
        false, null, 3);
    ChannelSender limited = new RateLimitedSender(vertx, twilio, List.of(Limit.overall(2, twilio::cost)),
        Duration.ofSeconds(20));
    warmUp(twilio);

    List<Future<List<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(limited.send("+5025555010" + i, new OutboundText("Mensaje " + i)));
    }
    await(Future.all(burst));

    assertThat(times(MESSAGES)).hasSize(4);
    assertSpacing(times(MESSAGES), 500);
  }

  @Test
  @DisplayName("Twilio counts segments: after a 3-segment SMS at 2 per second the next one waits 1.5 s")
  void twilioSegmentsCost(Vertx vertx) throws Exception {
    stub.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM1\", \"status\": \"queued\"}")));
    TwilioSender twilio = new TwilioSender(new TwilioMessagesApi(vertx, ACCOUNT, "token", stub.baseUrl()), "+15550001111",
        false, null, 3);
    ChannelSender limited = new RateLimitedSender(vertx, twilio, List.of(Limit.overall(2, twilio::cost)),
        Duration.ofSeconds(20));
    warmUp(twilio);

    Future<List<String>> first = limited.send("+50255550110", new OutboundText("palabra ".repeat(50)));
    Future<List<String>> second = limited.send("+50255550111", new OutboundText("Hola"));
    await(Future.all(first, second));

    List<Long> times = times(MESSAGES);
    assertThat(times).hasSize(2);
    assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(1500 - SLACK_MS); // 500 ms if segments were not counted
  }

  @Test
  @DisplayName("Telegram: one chat gets at most its per-chat rate, and all chats together the overall rate")
  void telegramPerChatAndOverall(Vertx vertx) throws Exception {
    stub.stubFor(post(urlPathEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":{\"message_id\":1}}")));
    TelegramApi api = new TelegramApi(WebClient.create(vertx), stub.baseUrl(), TOKEN);
    TelegramSender telegram = new TelegramSender(api);
    ChannelSender limited = new RateLimitedSender(vertx, telegram,
        List.of(Limit.overall(5, text -> 1), Limit.perAddress(2)), Duration.ofSeconds(20));
    warmUp(telegram);

    List<Future<List<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(limited.send("1001", new OutboundText("same chat " + i)));
    }
    for (int i = 0; i < 8; i++) {
      burst.add(limited.send(String.valueOf(2000 + i), new OutboundText("other chat")));
    }
    await(Future.all(burst));

    List<LoggedRequest> requests = stub.findAll(postRequestedFor(urlPathEqualTo(SEND_MESSAGE)));
    assertThat(requests).hasSize(12);
    assertSpacing(requests.stream().filter(r -> chat(r).equals("1001")).map(r -> r.getLoggedDate().getTime()).sorted().toList(), 500);
    assertSpacing(requests.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList(), 200);
  }

  @Test
  @DisplayName("a send that would wait longer than the limit fails at once, transient, with a Retry-After, and sends nothing")
  void queueFullFailsFast(Vertx vertx) throws Exception {
    List<String> sent = new ArrayList<>();
    ChannelSender recording = (address, text) -> {
      sent.add(text.text());
      return Future.succeededFuture();
    };
    ChannelSender limited = new RateLimitedSender(vertx, recording, List.of(Limit.overall(1, text -> 1)),
        Duration.ofMillis(1500));

    Future<List<String>> first = limited.send("a", new OutboundText("1"));
    Future<List<String>> second = limited.send("a", new OutboundText("2"));
    Future<List<String>> third = limited.send("a", new OutboundText("3"));
    await(Future.all(first, second));
    try {
      await(third);
      throw new AssertionError("the third send should have been refused");
    } catch (ExecutionException e) {
      DeliveryException failure = (DeliveryException) e.getCause();
      assertThat(failure.permanent()).isFalse();
      assertThat(failure.retryAfter()).isGreaterThan(Duration.ofMillis(1500));
    }
    assertThat(sent).containsExactly("1", "2");
  }

  /** One send outside the limits, forgotten by the stub, so the first counted request does not pay for a cold connection. */
  private static void warmUp(ChannelSender sender) throws Exception {
    await(sender.send("0", new OutboundText("warm up")));
    stub.resetRequests();
  }

  private static String chat(LoggedRequest request) {
    return new JsonObject(request.getBodyAsString()).getValue("chat_id").toString();
  }

  private static List<Long> times(String path) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(r -> r.getLoggedDate().getTime()).sorted(Comparator.naturalOrder()).toList();
  }

  /** The sends started {@code spacingMs} apart: the last arrives at least (n - 1) spacings after the first. */
  private static void assertSpacing(List<Long> times, long spacingMs) {
    assertThat(times.get(times.size() - 1) - times.get(0)).as("span of %s", times)
        .isGreaterThanOrEqualTo((times.size() - 1) * spacingMs - SLACK_MS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
