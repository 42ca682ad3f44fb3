package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozStubs(twilio = false, alerts = false) // the CLI alone, no service: only the Bot API it is given
@DisplayName("voz telegram set-webhook")
class TelegramCliTest {

  private static final String TOKEN = "7012345678:AAE-cli-token";

  private WireMockServer stub;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @BeforeEach
  void stub(WireMockServer stub) {
    this.stub = stub;
  }

  @Test
  @DisplayName("registers VOZ_PUBLIC_URL/webhooks/telegram with the secret and only message and callback_query")
  void setsWebhook() {
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/setWebhook")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}")));

    int code = TelegramCli.run(new String[] {"set-webhook"}, env("https://voz.example.org/"), out);

    assertThat(code).isZero();
    stub.verify(1, postRequestedFor(urlPathEqualTo("/bot" + TOKEN + "/setWebhook")).withRequestBody(equalToJson(
        "{\"url\":\"https://voz.example.org/webhooks/telegram\",\"secret_token\":\"cli_secret-1\","
            + "\"allowed_updates\":[\"message\",\"callback_query\"]}")));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("https://voz.example.org/webhooks/telegram")
        .doesNotContain(TOKEN).doesNotContain("cli_secret-1");
  }

  @Test
  @DisplayName("refuses a plain-http public URL and reports Telegram's refusal without the token")
  void refusals() {
    assertThat(TelegramCli.run(new String[] {"set-webhook"}, env("http://localhost:8080"), out)).isEqualTo(2);
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/setWebhook")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: Failed to resolve host\"}")));
    assertThat(TelegramCli.run(new String[] {"set-webhook"}, env("https://voz.example.org"), out)).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Failed to resolve host").doesNotContain(TOKEN);
    assertThat(TelegramCli.run(new String[] {"nonsense"}, env("https://voz.example.org"), out)).isEqualTo(2);
  }

  @Test
  @DisplayName("delete-webhook and me: deleteWebhook and getMe with empty bodies; the bot's name printed, never the token")
  void deleteWebhookAndMe() {
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/deleteWebhook")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}")));
    stub.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/getMe")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":true,\"result\":{\"id\":7012345678,\"is_bot\":true,\"first_name\":\"Voz\",\"username\":\"VozBot\"}}")));

    assertThat(TelegramCli.run(new String[] {"delete-webhook"}, env("https://voz.example.org"), out)).isZero();
    assertThat(TelegramCli.run(new String[] {"me"}, env("https://voz.example.org"), out)).isZero();

    stub.verify(1, postRequestedFor(urlPathEqualTo("/bot" + TOKEN + "/deleteWebhook")).withRequestBody(equalToJson("{}")));
    stub.verify(1, postRequestedFor(urlPathEqualTo("/bot" + TOKEN + "/getMe")).withRequestBody(equalToJson("{}")));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Webhook deleted").contains("@VozBot")
        .doesNotContain(TOKEN);
  }

  private Map<String, String> env(String publicUrl) {
    return Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_SECRET", "cli_secret-1",
        "TELEGRAM_API_BASE", stub.baseUrl(), "VOZ_PUBLIC_URL", publicUrl);
  }
}
