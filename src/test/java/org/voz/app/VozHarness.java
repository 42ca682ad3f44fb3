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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.voz.crypto.Keyring;
import org.voz.store.Redis;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.StaffJson;
import org.voz.testing.TestRedis;

/**
 * The real service for integration tests: real HTTP on a free port, real Redis (a random key prefix per
 * harness), Twilio and the alert webhook pointed at a WireMock base URL.
 */
final class VozHarness {

  static final String ADMIN = "test-admin-token-0123456789abcdef";
  static final String ACCOUNT = "AC00000000000000000000000000000000";
  static final String AUTH_TOKEN = "twilio-test-auth-token";
  static final String FROM = "+15550001111";
  static final String ALERT_SECRET = "alert-secret";

  final Vertx vertx;
  final Voz voz;
  final Redis redis;
  final WebClient client;
  final Keyring keyring;
  final String prefix;
  final String publicUrl;
  final byte[] dataKey;

  private VozHarness(Vertx vertx, Voz voz, Redis redis, WebClient client, byte[] dataKey, java.util.List<byte[]> previous,
      String prefix, String publicUrl) {
    this.vertx = vertx;
    this.voz = voz;
    this.redis = redis;
    this.client = client;
    this.dataKey = dataKey;
    this.keyring = new Keyring(dataKey, previous);
    this.prefix = prefix;
    this.publicUrl = publicUrl;
  }

  static Future<VozHarness> start(Vertx vertx, String stubBase) {
    return start(vertx, stubBase, Clock.systemUTC());
  }

  /** With a clock the test moves (see {@link MutableClock}). */
  static Future<VozHarness> start(Vertx vertx, String stubBase, Clock clock) {
    return start(vertx, stubBase, clock, Map.of());
  }

  /** With configuration overrides of the test's own (dotted keys, e.g. {@code twilio.maxSegments}). */
  static Future<VozHarness> start(Vertx vertx, String stubBase, Map<String, String> extra) {
    return start(vertx, stubBase, Clock.systemUTC(), extra);
  }

  /** With a clock and more configuration (dotted keys, e.g. {@code consent.alertOnOptOut}). */
  static Future<VozHarness> start(Vertx vertx, String stubBase, Clock clock, Map<String, String> extra) {
    return start(vertx, stubBase, "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), Keyring.newKey(),
        clock, extra);
  }

  /** A second instance on the same Redis keys and data key, as a second pod would be. */
  static Future<VozHarness> startTwin(Vertx vertx, String stubBase, VozHarness first) {
    return startTwin(vertx, stubBase, first, Map.of());
  }

  /** As {@link #startTwin(Vertx, String, VozHarness)}, with configuration overrides of the test's own. */
  static Future<VozHarness> startTwin(Vertx vertx, String stubBase, VozHarness first, Map<String, String> extra) {
    return start(vertx, stubBase, first.prefix, first.dataKey, Clock.systemUTC(), extra);
  }

  /** A second instance on the same Redis keys, with {@code current} as its data key and {@code previous} readable. */
  static Future<VozHarness> startTwin(Vertx vertx, String stubBase, VozHarness first, byte[] current,
      java.util.List<byte[]> previous, Map<String, String> extra) {
    return start(vertx, stubBase, first.prefix, current, previous, Clock.systemUTC(), extra);
  }

  private static Future<VozHarness> start(Vertx vertx, String stubBase, String prefix, byte[] dataKey, Clock clock,
      Map<String, String> extra) {
    return start(vertx, stubBase, prefix, dataKey, java.util.List.of(), clock, extra);
  }

  private static Future<VozHarness> start(Vertx vertx, String stubBase, String prefix, byte[] dataKey,
      java.util.List<byte[]> previous, Clock clock, Map<String, String> extra) {
    String publicUrl = "https://voz.example.org";
    Map<String, String> overrides = new HashMap<>();
    overrides.put("http.port", "0");
    overrides.put("http.publicUrl", publicUrl);
    overrides.put("redis.prefix", prefix);
    overrides.put("security.pinHashIterations", "1000");
    overrides.put("console.passwordIterations", "1000"); // the dev demo accounts get a password at every start
    overrides.put("simulator.demoData", "false"); // no demo alert or request among a test's own (DevDemoTest has them)
    overrides.put("twilio.accountSid", ACCOUNT);
    overrides.put("twilio.authToken", AUTH_TOKEN);
    overrides.put("twilio.from", FROM);
    overrides.put("twilio.apiBase", stubBase);
    overrides.put("alerts.webhookUrl", stubBase + "/alerts");
    overrides.put("alerts.webhookSecret", ALERT_SECRET);
    overrides.put("outbox.sweepInterval", "PT0.1S");
    overrides.put("outbox.backoffBase", "PT0.05S");
    overrides.put("outbox.backoffMax", "PT0.2S");
    overrides.put("outbox.claimIdle", "PT1S");
    overrides.put("twilio.messagesPerSecond", "100"); // the limits have their own tests; flows need no waiting
    if (clock.equals(Clock.systemUTC())) {
      // on the real clock, a nudge would otherwise wait for the default contact hours (08:00-20:00 UTC), and
      // the test's outcome would depend on the time of day it runs; the hours have their tests, on a set clock
      overrides.put("contact.from", "00:00");
      overrides.put("contact.to", "23:59:59");
    }
    overrides.putAll(extra);
    Config config = Config.load(Map.of(), overrides);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // a test with a Redis of its own (one it stops or slows) names it as redis.url
    return Redis.connect(vertx, extra.getOrDefault("redis.url", TestRedis.url()))
        .compose(redis -> Voz.start(vertx, config, new Voz.Resources(redis, dataKey, ADMIN, registry, clock)
                .withPreviousKeys(previous))
            .map(voz -> new VozHarness(vertx, voz, redis,
                WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(voz.port())),
                dataKey, previous, prefix, publicUrl)));
  }

  /** A survivor's session as stored. */
  org.voz.conversation.Session session(String survivorId, org.voz.store.Versioned stored) {
    return org.voz.store.SessionCodec.open(sealer(survivorId, stored), survivorId, stored.blob(), stored.version());
  }

  /** What seals {@code survivorId}'s state: their own key (unwrapped from {@code stored}), as the service has it. */
  org.voz.crypto.Sealer sealer(String survivorId, org.voz.store.Versioned stored) {
    return survivors().sealer(survivorId, stored.survivorKey());
  }

  org.voz.store.SurvivorRepository survivors() {
    return new org.voz.store.SurvivorRepository(redis, keys(), keyring);
  }

  org.voz.store.Keys keys() {
    return new org.voz.store.Keys(prefix, voz.config().redis().partitions());
  }

  /**
   * Whether every outbox stream is empty: what was committed has been sent (an entry leaves its stream when its
   * send is settled; one waiting for a retry or a contact window waits elsewhere, and does not count).
   */
  boolean outboxEmpty() {
    org.voz.store.Keys keys = keys();
    long left = 0;
    for (int p = 0; p < keys.partitions(); p++) {
      try {
        left += org.voz.testing.Wait.await(redis.future(redis.commands().xlen(keys.outbox(p))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return left == 0;
  }

  /**
   * Opens a value sealed for the place {@code aad}, as the service does: under the data key, or for a survivor's
   * record, session or ledger ({@code <purpose>/<survivorId>}) under their own key, read from Redis.
   */
  String open(String aad, String sealed) {
    if (!org.voz.crypto.PersonalKey.isSealed(sealed)) {
      return keyring.open(aad, sealed);
    }
    String survivorId = aad.substring(aad.indexOf('/') + 1);
    try {
      return org.voz.testing.Wait.await(survivors().sealer(survivorId)).open(aad, sealed);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Enrols a survivor through the staff API as the admin, under a fresh case manager; returns its id. */
  Future<String> enrol(String phone, String language, String pin) {
    return enrol("sms", phone, language, pin);
  }

  /** As {@link #enrol(String, String, String)}, with a contact on {@code channel} ({@code sms}, {@code whatsapp}). */
  Future<String> enrol(String channel, String phone, String language, String pin) {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    return createStaff(cm, "case_manager").compose(token -> client.post("/api/v1/survivors")
        .bearerTokenAuthentication(ADMIN)
        .sendJsonObject(EnrolmentJson.standard(cm, language, channel, phone).pin(pin).json()))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new IllegalStateException("enrol answered " + response.statusCode() + " " + response.bodyAsString());
          }
          return response.bodyAsJsonObject().getString("id");
        });
  }

  Future<String> createStaff(String id, String role) {
    return client.post("/api/v1/staff").bearerTokenAuthentication(ADMIN)
        .sendJsonObject(StaffJson.of(id, role).json())
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new IllegalStateException("staff answered " + response.statusCode() + " " + response.bodyAsString());
          }
          return response.bodyAsJsonObject().getString("token");
        });
  }

  /** The status of consent {@code consentId} of {@code survivorId}, read over the staff API with {@code token}. */
  String consentStatus(String token, String survivorId, String consentId) {
    return TestRedis.await(client.get("/api/v1/survivors/" + survivorId + "/consents").bearerTokenAuthentication(token)
            .send()).bodyAsJsonObject().getJsonArray("consents").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(consentId)).findFirst().orElseThrow().getString("status");
  }

  /** The survivor's ledger events (their consent history), read over the staff API with {@code token}. */
  java.util.List<JsonObject> ledger(String token, String survivorId) {
    return TestRedis.await(client.get("/api/v1/survivors/" + survivorId + "/consents/history")
            .bearerTokenAuthentication(token).send())
        .bodyAsJsonObject().getJsonArray("events").stream().map(JsonObject.class::cast).toList();
  }

  /** POSTs a Twilio inbound webhook signed as Twilio signs it. */
  Future<HttpResponse<Buffer>> sms(String from, String body, String messageSid) {
    Map<String, String> params = twilioParams(from, body, messageSid);
    return postTwilio(params, signature(AUTH_TOKEN, publicUrl + "/webhooks/twilio/messages", params));
  }

  Future<HttpResponse<Buffer>> postTwilio(Map<String, String> params, String signature) {
    var request = client.post("/webhooks/twilio/messages")
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    if (signature != null) {
      request.putHeader("X-Twilio-Signature", signature);
    }
    return request.sendBuffer(Buffer.buffer(form(params)));
  }

  static Map<String, String> twilioParams(String from, String body, String messageSid) {
    Map<String, String> p = new TreeMap<>();
    p.put("ToCountry", "US");
    p.put("SmsMessageSid", messageSid);
    p.put("NumMedia", "0");
    p.put("SmsSid", messageSid);
    p.put("SmsStatus", "received");
    p.put("Body", body);
    p.put("To", FROM);
    p.put("NumSegments", "1");
    p.put("MessageSid", messageSid);
    p.put("AccountSid", ACCOUNT);
    p.put("From", from);
    p.put("ApiVersion", "2010-04-01");
    return p;
  }

  /** Twilio's algorithm, written out independently of the SDK: Base64(HMAC-SHA1(token, url + sorted name+value)). */
  static String signature(String token, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String newSid() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }
}
