package org.voz.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voz.testing.Wait.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessages;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.voz.dispatch.DeliveryException;
import org.voz.conversation.Choice;
import org.voz.dispatch.OutboundText;

@ExtendWith(VertxExtension.class)
@DisplayName("Bot API calls are Telegram Bots' method objects: validated, serialized by their names, POSTed without blocking")
class TelegramApiTest {

  private static final String TOKEN = "7012345678:AAE-api-token";

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true)
      .build();

  @Test
  @DisplayName("sendMessage goes to the documented method name with the same JSON as before: no method field, no nulls")
  void sendMessageOnTheWire(Vertx vertx) throws Exception {
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/sendMessage")).willReturn(ok("{\"message_id\":77}")));
    TelegramSender sender = new TelegramSender(api(vertx));

    List<String> ids = await(sender.send("42", OutboundText.reply("Elige:", Choice.numbered(List.of("Sí", "No")), true, null)));

    assertThat(ids).containsExactly("77");
    stub.verify(1, postRequestedFor(urlPathEqualTo("/bot" + TOKEN + "/sendMessage")).withRequestBody(equalToJson(
        "{\"chat_id\":\"42\",\"text\":\"Elige:\\n1. Sí\\n2. No\",\"reply_markup\":{\"inline_keyboard\":"
            + "[[{\"text\":\"1. Sí\",\"callback_data\":\"1\"}],[{\"text\":\"2. No\",\"callback_data\":\"2\"}]]}}")));
  }

  @Test
  @DisplayName("a reply the library refuses (an empty text) fails permanently and nothing reaches Telegram")
  void invalidReplyIsNotSent(Vertx vertx) {
    TelegramSender sender = new TelegramSender(api(vertx));

    Throwable failure = failure(sender.send("42", new OutboundText("")));

    assertThat(failure).isInstanceOf(DeliveryException.class);
    assertThat(((DeliveryException) failure).permanent()).isTrue();
    assertThat(((DeliveryException) failure).retryAfter()).isNull();
    assertThat(failure.getMessage()).contains("sendMessage").contains("Text parameter can't be empty").doesNotContain("42");
    assertThat(stub.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  @DisplayName("a keyboard with an empty button, a chat id left empty, 101 messages to delete: refused before any request")
  void invalidMethodsAreNotSent(Vertx vertx) {
    TelegramApi api = api(vertx);
    SendMessage emptyButton = new SendMessage("42", "Elige");
    emptyButton.setReplyMarkup(new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(new InlineKeyboardButton("")))));
    DeleteMessages tooMany = new DeleteMessages("42", IntStream.rangeClosed(1, 101).boxed().toList());
    DeleteMessages none = new DeleteMessages("42", List.of());
    SetWebhook badSecret = new SetWebhook("https://voz.example.org/webhooks/telegram");
    badSecret.setSecretToken("not a secret!");

    for (var request : List.of(emptyButton, new SendMessage("", "hola"), tooMany, none, badSecret)) {
      Throwable failure = failure(api.call(request));
      assertThat(failure).as(request.getClass().getSimpleName()).isInstanceOf(TelegramApi.Invalid.class);
      assertThat(failure.getMessage()).doesNotContain("hola").doesNotContain("Elige");
    }
    assertThatThrownBy(() -> TelegramApi.body(tooMany)).isInstanceOf(TelegramApi.Invalid.class)
        .hasMessageContaining("deleteMessages").hasMessageContaining("between 1 and 100");
    assertThat(stub.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  @DisplayName("a sendMessage refused by the library is never tried again: permanent, where a 429 is retried")
  void invalidIsPermanentWhereTelegramsRateLimitIsNot(Vertx vertx) {
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/sendMessage")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\",\"parameters\":{\"retry_after\":2}}")));
    TelegramSender sender = new TelegramSender(api(vertx));

    DeliveryException limited = (DeliveryException) failure(sender.send("42", new OutboundText("hola")));
    DeliveryException invalid = (DeliveryException) failure(sender.send("", new OutboundText("hola")));

    assertThat(limited.permanent()).isFalse();
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(invalid.permanent()).isTrue();
    assertThat(stub.findAll(postRequestedFor(urlPathEqualTo("/bot" + TOKEN + "/sendMessage")))).hasSize(1);
  }

  @Test
  @DisplayName("each method object is POSTed to its documented name, its body by the library's field names")
  void namesAndBodies() {
    assertThat(TelegramApi.name(new SendMessage("1", "x"))).isEqualTo("sendMessage");
    assertThat(TelegramApi.name(new AnswerCallbackQuery("q"))).isEqualTo("answerCallbackQuery");
    assertThat(TelegramApi.name(new DeleteMessages("1", List.of(1)))).isEqualTo("deleteMessages");
    assertThat(TelegramApi.name(new GetUpdates())).isEqualTo("getUpdates");
    assertThat(TelegramApi.name(new SetWebhook("https://x"))).isEqualTo("setWebhook");
    assertThat(TelegramApi.name(new DeleteWebhook())).isEqualTo("deleteWebhook");
    assertThat(TelegramApi.name(GetMe.builder().build())).isEqualTo("getMe");

    assertThat(new JsonObject(TelegramApi.body(new AnswerCallbackQuery("98765"))))
        .isEqualTo(new JsonObject().put("callback_query_id", "98765"));
    assertThat(new JsonObject(TelegramApi.body(new DeleteMessages("42", List.of(7, 8)))))
        .isEqualTo(new JsonObject("{\"chat_id\":\"42\",\"message_ids\":[7,8]}"));
    assertThat(new JsonObject(TelegramApi.body(TelegramPoller.getUpdates(0, Duration.ofSeconds(25)))))
        .isEqualTo(new JsonObject("{\"timeout\":25,\"allowed_updates\":[\"message\",\"callback_query\"]}"));
    assertThat(new JsonObject(TelegramApi.body(TelegramPoller.getUpdates(123456790, Duration.ofSeconds(25)))).getLong("offset"))
        .isEqualTo(123456790L);
    assertThat(TelegramApi.body(new DeleteWebhook()).toString()).isEqualTo("{}");
  }

  private static TelegramApi api(Vertx vertx) {
    return new TelegramApi(WebClient.create(vertx), stub.baseUrl(), TOKEN);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String result) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"result\":" + result + "}");
  }


  private static Throwable failure(Future<?> future) {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }
}
