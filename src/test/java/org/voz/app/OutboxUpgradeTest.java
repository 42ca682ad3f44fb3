package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.store.OutboxEntry;

/**
 * Outbox entries written by the version before replies carried their choices as structure (the text with its
 * numbered lines, {@code choices} a menu's labels only) are still in Redis after an upgrade: they are delivered
 * exactly as that version would have sent them.
 */
@VozTest
@DisplayName("Outbox entries written before replies carried structured choices are delivered as before")
class OutboxUpgradeTest {

  private static final String MENU = "¿Qué quieres hacer?\n1. Mis permisos\n2. Salir";
  private static final String QUESTION = "¿El equipo te trató con respeto?\n1. Sí\n2. No\n0. Prefiero no decir";

  private WireMockServer stub;
  private TelegramHarness tg;

  @BeforeEach
  void start(VozRoom room, WireMockServer stub) throws Exception {
    this.stub = stub;
    stub.stubFor(post(urlPathEqualTo(TelegramHarness.SEND_MESSAGE)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(TelegramHarness.sample("send_message_ok.json").encode())));
    tg = room.telegram();
  }

  @Test
  @DisplayName("a Telegram menu keeps its text and buttons, a question its lines without buttons; SMS and WhatsApp send their text")
  void oldEntriesDelivered() throws Exception {
    String chat = String.valueOf(5_000_000_000L + (System.nanoTime() % 1_000_000_000L));
    String otherChat = String.valueOf(Long.parseLong(chat) + 1);
    String phone = "+5025555" + (1000 + (int) (System.nanoTime() % 9000));
    String whatsapp = "+5025556" + (1000 + (int) (System.nanoTime() % 9000));

    legacy("telegram", chat, "{\"text\":\"" + json(MENU) + "\",\"choices\":[\"Mis permisos\",\"Salir\"],"
        + "\"proactive\":false,\"language\":null,\"smsFallback\":false,\"answers\":\"41\"}");
    legacy("telegram", otherChat, "{\"text\":\"" + json(QUESTION) + "\",\"choices\":[],\"proactive\":false,"
        + "\"language\":null,\"smsFallback\":false,\"answers\":null}");
    // the first part of a long SMS carried the menu's labels too, without its lines; the last part had them
    legacy("sms", phone, "{\"text\":\"Primera parte.\",\"choices\":[\"Mis permisos\",\"Salir\"],\"proactive\":false,"
        + "\"language\":null,\"smsFallback\":false,\"answers\":null}");
    legacy("whatsapp", whatsapp, "{\"text\":\"" + json(MENU) + "\",\"choices\":[\"Mis permisos\",\"Salir\"],"
        + "\"proactive\":false,\"language\":null,\"smsFallback\":false,\"answers\":null}");

    waitFor(() -> sentTo(chat).size() == 1 && sentTo(otherChat).size() == 1
        && Stubs.bodiesTo(stub, phone).size() == 1 && Stubs.bodiesTo(stub, "whatsapp:" + whatsapp).size() == 1,
        Duration.ofSeconds(10));

    JsonObject menu = sentTo(chat).get(0);
    assertThat(menu.getString("text")).isEqualTo(MENU);
    JsonArray rows = menu.getJsonObject("reply_markup").getJsonArray("inline_keyboard");
    assertThat(rows).hasSize(2);
    assertThat(rows.getJsonArray(0).getJsonObject(0).getString("text")).isEqualTo("1. Mis permisos");
    assertThat(rows.getJsonArray(0).getJsonObject(0).getString("callback_data")).isEqualTo("1");
    assertThat(rows.getJsonArray(1).getJsonObject(0).getString("text")).isEqualTo("2. Salir");
    assertThat(rows.getJsonArray(1).getJsonObject(0).getString("callback_data")).isEqualTo("2");

    JsonObject question = sentTo(otherChat).get(0);
    assertThat(question.getString("text")).isEqualTo(QUESTION);
    assertThat(question.containsKey("reply_markup")).isFalse();

    assertThat(Stubs.bodiesTo(stub, phone)).containsExactly("Primera parte.");
    assertThat(Stubs.bodiesTo(stub, "whatsapp:" + whatsapp)).containsExactly(MENU);
  }

  /** Appends a reply entry to a partition's outbox exactly as the version before sealed it. */
  private void legacy(String channel, String address, String body) throws Exception {
    OutboxEntry entry = OutboxEntry.of(UUID.randomUUID().toString(), OutboxEntry.Kind.REPLY, channel,
        org.voz.crypto.LegacySeal.v1(tg.dataKey, address), org.voz.crypto.LegacySeal.v1(tg.dataKey, body));
    await(tg.redis.future(tg.redis.commands().xadd(tg.keys.outbox(0), entry.toFields())));
  }

  private List<JsonObject> sentTo(String chat) {
    return stub.findAll(postRequestedFor(urlPathEqualTo(TelegramHarness.SEND_MESSAGE))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .filter(m -> chat.equals(m.getString("chat_id")))
        .toList();
  }

  private static String json(String text) {
    return text.replace("\n", "\\n");
  }
}
