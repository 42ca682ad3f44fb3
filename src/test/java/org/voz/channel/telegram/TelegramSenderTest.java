package org.voz.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Choice;
import org.voz.dispatch.OutboundText;
import org.voz.dispatch.DeliveryException;

@DisplayName("Telegram sendMessage bodies and failure classes")
class TelegramSenderTest {

  @Test
  @DisplayName("choices become one inline button per row whose callback data is only the number")
  void keyboard() {
    JsonObject body = new JsonObject(TelegramApi.body(
        TelegramSender.sendMessage("42", OutboundText.reply("Elige:", Choice.numbered(List.of("Sí", "No")), true, null))));
    assertThat(body.getString("chat_id")).isEqualTo("42");
    assertThat(body.getString("text")).isEqualTo("Elige:\n1. Sí\n2. No");
    JsonArray rows = body.getJsonObject("reply_markup").getJsonArray("inline_keyboard");
    assertThat(rows).hasSize(2);
    assertThat(rows.getJsonArray(0).getJsonObject(0).getString("text")).isEqualTo("1. Sí");
    assertThat(rows.getJsonArray(0).getJsonObject(0).getString("callback_data")).isEqualTo("1");
    assertThat(rows.getJsonArray(1).getJsonObject(0).getString("callback_data")).isEqualTo("2");
  }

  @Test
  @DisplayName("a survey question's answers are numbered lines in the text, without buttons, as before")
  void questionWithoutButtons() {
    OutboundText question = OutboundText.reply("¿Te trataron con respeto?",
        List.of(new Choice("1", "Sí"), new Choice("2", "No"), new Choice("0", "Prefiero no decir")), false, null);
    JsonObject body = new JsonObject(TelegramApi.body(TelegramSender.sendMessage("42", question)));
    assertThat(body.getString("text")).isEqualTo("¿Te trataron con respeto?\n1. Sí\n2. No\n0. Prefiero no decir");
    assertThat(body.containsKey("reply_markup")).isFalse();
  }

  @Test
  @DisplayName("a text without choices has no keyboard, and a text over 4096 characters is cut")
  void plain() {
    JsonObject body = new JsonObject(TelegramApi.body(TelegramSender.sendMessage("42", new OutboundText("x".repeat(5000)))));
    assertThat(body.containsKey("reply_markup")).isFalse();
    assertThat(body.getString("text")).hasSize(4096);
  }

  @Test
  @DisplayName("429 keeps retry_after and 5xx or no answer are retried; other 4xx are permanent")
  void classify() {
    DeliveryException tooMany = TelegramSender.classify(new TelegramApi.Failure("sendMessage", 429, "x", Duration.ofSeconds(3)));
    assertThat(tooMany.permanent()).isFalse();
    assertThat(tooMany.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(TelegramSender.classify(new TelegramApi.Failure("sendMessage", 502, "x", null)).permanent()).isFalse();
    assertThat(TelegramSender.classify(new TelegramApi.Failure("sendMessage", 0, "x", null)).permanent()).isFalse();
    assertThat(TelegramSender.classify(new TelegramApi.Failure("sendMessage", 403, "blocked", null)).permanent()).isTrue();
    assertThat(TelegramSender.classify(new TelegramApi.Failure("sendMessage", 400, "chat not found", null)).permanent()).isTrue();
  }

  @Test
  @DisplayName("a request Telegram Bots refuses is a permanent failure, never retried")
  void invalidIsPermanent() {
    DeliveryException invalid = TelegramSender.classify(new TelegramApi.Invalid("sendMessage", "Text parameter can't be empty"));
    assertThat(invalid.permanent()).isTrue();
    assertThat(invalid.retryAfter()).isNull();
  }
}
