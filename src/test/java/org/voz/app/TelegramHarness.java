package org.voz.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.StaffJson;
import org.voz.testing.TestRedis;

/**
 * The real service with the Telegram channel on: real HTTP on a free port, real Redis (a random key
 * prefix), the Bot API, Twilio and the alert webhook pointed at a WireMock base URL.
 */
final class TelegramHarness {

  static final String BOT_TOKEN = "7012345678:AAE-test-token_0123456789abcdefghij";
  static final String SECRET = "tg-webhook-secret_0123456789";
  static final String SEND_MESSAGE = "/bot" + BOT_TOKEN + "/sendMessage";
  static final String ANSWER_CALLBACK = "/bot" + BOT_TOKEN + "/answerCallbackQuery";

  final Vertx vertx;
  final Voz voz;
  final Redis redis;
  final WebClient client;
  final Keyring keyring;
  /** the data key the service runs with (for tests writing values as an earlier version did) */
  final byte[] dataKey;
  final Keys keys;

  private TelegramHarness(Vertx vertx, Voz voz, Redis redis, WebClient client, byte[] dataKey, Keys keys) {
    this.vertx = vertx;
    this.voz = voz;
    this.redis = redis;
    this.client = client;
    this.keyring = new Keyring(dataKey);
    this.dataKey = dataKey;
    this.keys = keys;
  }

  /** @param secret the webhook secret the service is configured with ("" for none) */
  static Future<TelegramHarness> start(Vertx vertx, String stubBase, String secret) {
    return start(vertx, stubBase, secret, Map.of());
  }

  /** With configuration overrides of the test's own (dotted keys, e.g. {@code telegram.mode}). */
  static Future<TelegramHarness> start(Vertx vertx, String stubBase, String secret, Map<String, String> extra) {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    byte[] dataKey = Keyring.newKey();
    Map<String, String> overrides = new HashMap<>();
    overrides.put("http.port", "0");
    overrides.put("http.publicUrl", "https://voz.example.org");
    overrides.put("redis.prefix", prefix);
    overrides.put("security.pinHashIterations", "1000");
    // as in VozHarness: the dev demo accounts get a password at every start (at the production cost, a start under
    // load took over 30 s), and no demo alert or request mixes with a test's own
    overrides.put("console.passwordIterations", "1000");
    overrides.put("simulator.demoData", "false");
    overrides.put("twilio.accountSid", VozHarness.ACCOUNT);
    overrides.put("twilio.authToken", VozHarness.AUTH_TOKEN);
    overrides.put("twilio.from", VozHarness.FROM);
    overrides.put("twilio.apiBase", stubBase);
    overrides.put("telegram.enabled", "true");
    overrides.put("telegram.botToken", BOT_TOKEN);
    overrides.put("telegram.webhookSecret", secret);
    overrides.put("telegram.apiBase", stubBase);
    overrides.put("alerts.webhookUrl", stubBase + "/alerts");
    overrides.put("outbox.sweepInterval", "PT0.1S");
    overrides.put("outbox.backoffBase", "PT0.05S");
    overrides.put("outbox.backoffMax", "PT0.2S");
    overrides.put("outbox.claimIdle", "PT1S");
    overrides.put("twilio.messagesPerSecond", "100"); // the limits have their own tests; flows need no waiting
    overrides.put("telegram.perChatPerSecond", "100");
    overrides.putAll(extra);
    Config config = Config.load(Map.of(), overrides);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return Redis.connect(vertx, TestRedis.url())
        .compose(redis -> Voz.start(vertx, config, new Voz.Resources(redis, dataKey, VozHarness.ADMIN, registry, Clock.systemUTC()))
            .map(voz -> new TelegramHarness(vertx, voz, redis,
                WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(voz.port())),
                dataKey, new Keys(prefix, config.redis().partitions()))));
  }

  /** What the staff API answers on enrolment. */
  record Enrolled(String id, String linkCode) {}

  /** Enrols a survivor as the admin with one contact ({@code sms}/{@code telegram}), PIN 4821, one granted consent. */
  Future<Enrolled> enrol(String channel, String address, String language) {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    return enrol(cm, EnrolmentJson.standard(cm, language, channel, address).json());
  }

  /** Enrols as the admin, under a new case manager {@code cm}, what {@code enrolment} says. */
  Future<Enrolled> enrol(String cm, io.vertx.core.json.JsonObject enrolment) {
    return client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(StaffJson.of(cm, "case_manager").json())
        .compose(staff -> client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
            .sendJsonObject(enrolment))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new IllegalStateException("enrol answered " + response.statusCode() + " " + response.bodyAsString());
          }
          JsonObject body = response.bodyAsJsonObject();
          String link = body.getString("telegramLink");
          return new Enrolled(body.getString("id"), link.substring(link.indexOf("?start=") + "?start=".length()));
        });
  }

  /** POSTs an update with the right secret. */
  Future<HttpResponse<Buffer>> update(JsonObject update) {
    return update(update.encode(), SECRET);
  }

  Future<HttpResponse<Buffer>> update(String body, String secret) {
    var request = client.post("/webhooks/telegram").putHeader("Content-Type", "application/json");
    if (secret != null) {
      request.putHeader("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return request.sendBuffer(Buffer.buffer(body));
  }

  /** A recorded sample from src/test/resources/telegram. */
  static JsonObject sample(String name) {
    try (InputStream in = TelegramHarness.class.getResourceAsStream("/telegram/" + name)) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sample text message, from {@code chatId}, with {@code text} and {@code updateId}. */
  static JsonObject text(long updateId, long chatId, String text) {
    JsonObject u = sample("message.json").put("update_id", updateId);
    JsonObject message = u.getJsonObject("message").put("text", text);
    message.getJsonObject("chat").put("id", chatId);
    message.getJsonObject("from").put("id", chatId);
    return u;
  }

  /** The sample {@code /start <code>} deep-link message. */
  static JsonObject start(long updateId, long chatId, String code) {
    JsonObject u = text(updateId, chatId, "/start " + code);
    u.getJsonObject("message").put("entities", sample("start.json").getJsonObject("message").getJsonArray("entities"));
    return u;
  }

  /** The sample button press, in {@code chatId}, with {@code data}. */
  static JsonObject callback(long updateId, long chatId, String queryId, String data) {
    JsonObject u = sample("callback_query.json").put("update_id", updateId);
    JsonObject query = u.getJsonObject("callback_query").put("id", queryId).put("data", data);
    query.getJsonObject("from").put("id", chatId);
    query.getJsonObject("message").getJsonObject("chat").put("id", chatId);
    return u;
  }

  /** The sample photo, from {@code chatId}. */
  static JsonObject photo(long updateId, long chatId) {
    JsonObject u = sample("photo.json").put("update_id", updateId);
    u.getJsonObject("message").getJsonObject("chat").put("id", chatId);
    u.getJsonObject("message").getJsonObject("from").put("id", chatId);
    return u;
  }
}
