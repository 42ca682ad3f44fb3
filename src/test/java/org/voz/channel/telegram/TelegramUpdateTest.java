package org.voz.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Telegram updates, parsed from the shapes Telegram sends")
class TelegramUpdateTest {

  static byte[] sample(String name) {
    try (InputStream in = TelegramUpdateTest.class.getResourceAsStream("/telegram/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a text message gives its private chat, text and update id")
  void textMessage() {
    TelegramUpdate u = TelegramUpdate.parse(sample("message.json"));
    assertThat(u.kind()).isEqualTo(TelegramUpdate.Kind.MESSAGE);
    assertThat(u.updateId()).isEqualTo(702342871L);
    assertThat(u.providerId()).isEqualTo("telegram:702342871");
    assertThat(u.chatId()).isEqualTo("5512345678");
    assertThat(u.text()).isEqualTo("Hola");
    assertThat(u.media()).isFalse();
  }

  @Test
  @DisplayName("a photo without caption is media with an empty text")
  void photo() {
    TelegramUpdate u = TelegramUpdate.parse(sample("photo.json"));
    assertThat(u.kind()).isEqualTo(TelegramUpdate.Kind.MESSAGE);
    assertThat(u.media()).isTrue();
    assertThat(u.text()).isEmpty();
  }

  @Test
  @DisplayName("a button press gives the callback data, the query id and the chat of the message")
  void callbackQuery() {
    TelegramUpdate u = TelegramUpdate.parse(sample("callback_query.json"));
    assertThat(u.kind()).isEqualTo(TelegramUpdate.Kind.CALLBACK);
    assertThat(u.text()).isEqualTo("1");
    assertThat(u.callbackId()).isEqualTo("2367898432458765432");
    assertThat(u.chatId()).isEqualTo("5512345678");
  }

  @Test
  @DisplayName("edits, group messages and unknown update kinds are ignored")
  void ignored() {
    assertThat(TelegramUpdate.parse(sample("edited_message.json")).kind()).isEqualTo(TelegramUpdate.Kind.IGNORED);
    assertThat(TelegramUpdate.parse(sample("group_message.json")).kind()).isEqualTo(TelegramUpdate.Kind.IGNORED);
    byte[] future = "{\"update_id\": 5, \"some_future_kind\": {\"x\": 1}}".getBytes(StandardCharsets.UTF_8);
    assertThat(TelegramUpdate.parse(future).kind()).isEqualTo(TelegramUpdate.Kind.IGNORED);
  }

  @Test
  @DisplayName("a body that is not JSON, not an object, or has no update_id is malformed")
  void malformed() {
    for (String body : new String[] {"", "{", "[1,2]", "\"x\"", "{\"message\": {}}", "{\"update_id\": \"abc\"}",
        "{\"update_id\": 1, \"message\": \"nope\"}", "{\"update_id\": 1, \"callback_query\": 5}",
        "{\"update_id\": 1.5}", "{\"update_id\": 1, \"message\": {\"chat\": []}}"}) {
      assertThatThrownBy(() -> TelegramUpdate.parse(body.getBytes(StandardCharsets.UTF_8)))
          .as(body).isInstanceOf(TelegramUpdate.MalformedUpdate.class);
    }
  }
}
