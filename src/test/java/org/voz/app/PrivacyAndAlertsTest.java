package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.AlertSender;

@VozTest
@DisplayName("Privacy at rest and case-manager alerts")
class PrivacyAndAlertsTest {

  private WireMockServer stub;

  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  @Test
  @DisplayName("five wrong PINs lock the record and POST a signed pin.locked alert to the case manager's webhook")
  void lockoutAlert() throws Exception {
    String phone = "+50255552001";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    for (int i = 0; i < 5; i++) {
      await(voz.sms(phone, "000" + i, VozHarness.newSid()));
    }
    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).isEmpty(), Duration.ofSeconds(10));
    LoggedRequest alert = stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).get(0);
    String body = alert.getBodyAsString();
    assertThat(alert.getHeader("X-Voz-Signature"))
        .isEqualTo("sha256=" + AlertSender.sign(VozHarness.ALERT_SECRET, body.getBytes(StandardCharsets.UTF_8)));
    JsonObject payload = new JsonObject(body);
    assertThat(payload.getString("type")).isEqualTo("pin.locked");
    assertThat(payload.getString("survivorId")).isEqualTo(survivorId);
    assertThat(payload.getString("caseRef")).isEqualTo("GT-2026-0147");
    assertThat(payload.getString("caseManager")).startsWith("cm-");
    assertThat(payload.getString("id")).isNotBlank();
    assertThat(payload.getString("at")).isNotBlank();
    waitFor(() -> {
      try {
        return await(voz.client.get("/metrics").send()).bodyAsString().contains("voz_alert_latency_seconds_count 1");
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("STOP closes the channel and tells the case manager (contact.opted_out); it revokes nothing")
  void optOutAlert() throws Exception {
    String phone = "+50255552004";
    String survivorId = await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "STOP", VozHarness.newSid()));
    await(voz.sms(phone, "hola", VozHarness.newSid()));
    await(voz.sms(phone, "PARAR", VozHarness.newSid()));
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> r.getBodyAsString().contains("contact.opted_out")), Duration.ofSeconds(10));
    JsonObject alert = stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(a -> a.getString("type").equals("contact.opted_out"))
        .findFirst().orElseThrow();
    assertThat(alert.getString("survivorId")).isEqualTo(survivorId);
    assertThat(alert.getString("channel")).isEqualTo("sms");
    // one alert, not one per message: a second would be sent within a few outbox sweeps; none may come
    holdsFor(Duration.ofMillis(300), () -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .filter(r -> r.getBodyAsString().contains("contact.opted_out")).count() == 1);
    assertThat(stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .filter(r -> r.getBodyAsString().contains("contact.opted_out"))).as("one alert, not one per message").hasSize(1);
    JsonObject c1 = await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("consents").getJsonObject(0);
    assertThat(c1.getString("status")).isEqualTo("granted");
  }

  @Test
  @DisplayName("an alert the webhook never accepts is given up after alerts.giveUpAfter and listed as failed")
  @VozConfig("alerts.giveUpAfter=PT1S")
  void alertGivenUp() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(500)));
    VozHarness impatient = voz; // started with alerts.giveUpAfter PT1S (@VozConfig)
    String phone = "+50255552005";
    await(impatient.enrol(phone, "es", "4821"));
    await(impatient.sms(phone, "hola", VozHarness.newSid()));
    for (int i = 0; i < 5; i++) {
      await(impatient.sms(phone, "222" + i, VozHarness.newSid()));
    }
    waitFor(() -> {
      try {
        JsonObject alerts = await(impatient.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
            .bodyAsJsonObject();
        return alerts.getJsonArray("alerts").stream().map(JsonObject.class::cast)
            .anyMatch(a -> a.getString("type").equals("pin.locked") && "failed".equals(a.getString("delivery")));
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("an alert webhook that fails is retried until it answers 2xx, with the same alert id")
  void alertRetried() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/alerts")).inScenario("down").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    stub.stubFor(post(urlPathEqualTo("/alerts")).inScenario("down").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200)));
    String phone = "+50255552002";
    await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    for (int i = 0; i < 5; i++) {
      await(voz.sms(phone, "999" + i, VozHarness.newSid()));
    }
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).size() >= 2, Duration.ofSeconds(10));
    List<LoggedRequest> attempts = stub.findAll(postRequestedFor(urlPathEqualTo("/alerts")));
    assertThat(new JsonObject(attempts.get(1).getBodyAsString()).getString("id"))
        .isEqualTo(new JsonObject(attempts.get(0).getBodyAsString()).getString("id"));
  }

  @Test
  @DisplayName("no phone number, PIN, case reference or message text is readable anywhere in Redis")
  void nothingPlainAtRest() throws Exception {
    String phone = "+50255552003";
    await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "Hola mi nombre es Rosa", VozHarness.newSid()));
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    await(voz.sms("+50255552999", "quien eres", VozHarness.newSid()));
    waitFor(() -> stub.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))).size() >= 3, Duration.ofSeconds(10));

    String everything = dump(voz.redis.commands(), voz.prefix + ":*");
    assertThat(everything).isNotEmpty();
    for (String secret : List.of("55552003", "55552999", "4821", "GT-2026-0147", "Rosa", "quien eres",
        "shelter-casa-esperanza", "case-notes")) {
      assertThat(everything).as("Redis holds %s in plain text", secret).doesNotContain(secret);
    }
  }

  /** Every key matching {@code pattern} and every value in it, as one string. */
  static String dump(RedisClusterAsyncCommands<String, String> redis, String pattern) throws Exception {
    StringBuilder out = new StringBuilder();
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(500)).get(5, TimeUnit.SECONDS);
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    for (String key : keys) {
      out.append(key).append('\n');
      String type = redis.type(key).get(5, TimeUnit.SECONDS);
      switch (type) {
        case "string" -> out.append(redis.get(key).get(5, TimeUnit.SECONDS));
        case "hash" -> out.append(redis.hgetall(key).get(5, TimeUnit.SECONDS));
        case "list" -> out.append(redis.lrange(key, 0, -1).get(5, TimeUnit.SECONDS));
        case "set" -> out.append(redis.smembers(key).get(5, TimeUnit.SECONDS));
        case "zset" -> out.append(redis.zrange(key, 0, -1).get(5, TimeUnit.SECONDS));
        case "stream" -> redis.xrange(key, io.lettuce.core.Range.create("-", "+")).get(5, TimeUnit.SECONDS)
            .forEach(m -> out.append(m.getBody()));
        default -> out.append("?").append(type);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
