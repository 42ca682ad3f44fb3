package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.store.Keys;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.RedisDump;

@VozTest
@VozClock("2026-11-23T10:00:00Z")
@VozConfig({"simulator.enabled=false", "retention.programmes.shelter=24"})
@DisplayName("Retention and legal holds: records erased N months after the exit date, warned of 30 days before, never while held")
class RetentionTest {

  @Test
  @DisplayName("a legal hold: placed with a reason by the case manager, refused to another, DELETE answers 409 legal_hold while it stands, lifted, then erasable")
  void holdBlocksErasure(VozHarness voz) throws Exception {
    String cm = "cm-hold";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    String otherCm = await(voz.createStaff("cm-hold-other", "case_manager"));
    String id = enrol(voz, cmToken, EnrolmentJson.standard(cm, "es", "sms", "+50255559001"));

    assertThat(await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(otherCm)
        .sendJsonObject(new JsonObject().put("reason", "court order"))).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject())).statusCode()).as("a hold needs a reason").isEqualTo(400);
    assertThat(await(voz.client.delete("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .send()).statusCode()).as("no hold to lift").isEqualTo(409);
    var placed = await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "court order 2026-118")));
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(200);
    assertThat(placed.bodyAsJsonObject().getString("reason")).isEqualTo("court order 2026-118");
    assertThat(placed.bodyAsJsonObject().getString("by")).isEqualTo(cm);
    assertThat(await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "again"))).statusCode()).as("already held").isEqualTo(409);

    var refused = await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "asked")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("legal_hold");
    assertThat(await(voz.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).as("the record is kept").isEqualTo(200);

    var lifted = await(voz.client.delete("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "case closed in court")));
    assertThat(lifted.statusCode()).as(lifted.bodyAsString()).isEqualTo(204);
    JsonArray events = await(voz.client.get("/api/v1/survivors/" + id + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")).toList())
        .containsSubsequence("hold.placed", "hold.lifted");
    assertThat(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("hold.placed")))
        .singleElement().satisfies(e -> assertThat(e.getString("reason")).isEqualTo("court order 2026-118"));

    assertThat(await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "asked"))).statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("an erasure erases only the record as it read and checked it: a hold placed meanwhile wins, nothing is erased")
  void holdPlacedMeanwhile(VozHarness voz) throws Exception {
    String id = await(voz.enrol("+50255559201", "es", "4821"));
    Keys keys = voz.keys();
    var stored = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    var survivor = voz.survivors().open(voz.sealer(id, stored), id, stored.record());
    assertThat(survivor.retention().held()).isFalse();
    // the hold comes between the erasure's read (no hold then) and its first step
    assertThat(await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "court order"))).statusCode()).isEqualTo(200);
    boolean erased = await(new org.voz.store.SurvivorEraser(voz.redis, keys, voz.keyring)
        .erase(survivor, stored.version(), "cm-x", "asked", Instant.parse("2026-11-23T10:00:00Z")));
    assertThat(erased).isFalse();
    assertThat(status(voz, id)).isEqualTo(200);
    assertThat(voz.redis.commands().exists(keys.global("erasing")).get(5, TimeUnit.SECONDS)).as("no erasure left to resume")
        .isZero();
    assertThat(voz.redis.commands().exists(keys.global("erasures")).get(5, TimeUnit.SECONDS)).as("no tombstone").isZero();
  }

  @Test
  @DisplayName("the retention job: warns once 30 days before, erases on the day (the same tombstone, by system:retention); keeps a record without an exit date, of another programme, or held")
  void retentionJob(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    String cm = "cm-keep";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    String due = enrol(voz, cmToken, EnrolmentJson.standard(cm, "es", "sms", "+50255559101")
        .feedback(exited("shelter", "2025-01-10")));
    String held = enrol(voz, cmToken, EnrolmentJson.standard(cm, "es", "sms", "+50255559102")
        .feedback(exited("shelter", "2025-01-10")));
    String notExited = enrol(voz, cmToken, EnrolmentJson.standard(cm, "es", "sms", "+50255559103"));
    String otherProgramme = enrol(voz, cmToken, EnrolmentJson.standard(cm, "es", "sms", "+50255559104")
        .feedback(exited("legal-aid", "2020-01-10")));
    assertThat(await(voz.client.put("/api/v1/survivors/" + held + "/hold").bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "investigation"))).statusCode()).isEqualTo(200);

    assertThat(await(voz.voz.retentionJob().run())).as("nothing due yet").isZero();

    clock.set(Instant.parse("2026-12-11T08:00:00Z")); // 30 days before 2027-01-10
    assertThat(await(voz.voz.retentionJob().run())).as("the warning, for the record not held").isEqualTo(1);
    assertThat(await(voz.voz.retentionJob().run())).as("once").isZero();
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> new JsonObject(r.getBodyAsString()).getString("type").equals("retention.due_soon")), Duration.ofSeconds(10));
    JsonArray alerts = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(alerts.stream().map(JsonObject.class::cast).filter(a -> a.getString("type").equals("retention.due_soon")))
        .singleElement().satisfies(a -> {
          assertThat(a.getString("survivorId")).isEqualTo(due);
          assertThat(a.getString("eraseOn")).isEqualTo("2027-01-10");
        });

    clock.set(Instant.parse("2027-01-09T23:00:00Z"));
    assertThat(await(voz.voz.retentionJob().run())).isZero();
    clock.set(Instant.parse("2027-01-10T06:00:00Z"));
    assertThat(await(voz.voz.retentionJob().run())).as("erased on the day").isEqualTo(1);
    assertThat(status(voz, due)).isEqualTo(404);
    assertThat(status(voz, held)).as("held").isEqualTo(200);
    assertThat(status(voz, notExited)).as("no exit date").isEqualTo(200);
    assertThat(status(voz, otherProgramme)).as("a programme without retention").isEqualTo(200);
    Keys keys = voz.keys();
    List<RedisDump.Value> all = RedisDump.all(voz.redis, keys, voz::open);
    assertThat(all).allSatisfy(v -> {
      assertThat(v.key()).doesNotContain(due);
      if (v.raw() != null) {
        assertThat(v.raw()).as(v.key()).doesNotContain(due);
        assertThat(v.opened()).as(v.key()).doesNotContain(due);
      }
    });
    var tombstones = voz.redis.commands().xrange(keys.global("erasures"), io.lettuce.core.Range.create("-", "+"))
        .get(5, TimeUnit.SECONDS);
    assertThat(tombstones).singleElement().satisfies(m -> {
      assertThat(m.getBody().get("type")).isEqualTo("survivor.erased");
      assertThat(m.getBody().get("by")).isEqualTo("system:retention");
    });

    // the hold lifted, the next pass erases the other record
    assertThat(await(voz.client.delete("/api/v1/survivors/" + held + "/hold").bearerTokenAuthentication(cmToken)
        .send()).statusCode()).isEqualTo(204);
    assertThat(await(voz.voz.retentionJob().run())).isEqualTo(1);
    assertThat(status(voz, held)).isEqualTo(404);
    assertThat(status(voz, notExited)).isEqualTo(200);
  }

  private static JsonObject exited(String programme, String exitedOn) {
    return new JsonObject().put("acceptsRequests", false).put("programme", programme).put("exitedOn", exitedOn);
  }

  private static int status(VozHarness voz, String id) throws Exception {
    return await(voz.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode();
  }

  private static String enrol(VozHarness voz, String token, EnrolmentJson json) throws Exception {
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token).sendJsonObject(json.json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }
}
