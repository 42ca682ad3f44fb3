package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.crypto.Keyring;
import org.voz.store.StaffRepository;
import org.voz.testing.StaffJson;

/**
 * What write access to Redis, or a wrong data key, must not achieve: acting as another staff member by copying a
 * sealed value or writing a token entry; a service that answers every survivor as a stranger while it says it is
 * ready. And a rotation's previous key: still read.
 */
@VozTest
@DisplayName("Data keys: values bound to their place, keyed token index, readiness under a wrong key")
class DataKeysTest {

  @Test
  @DisplayName("a staff record copied over another member's key does not make that member's token an admin")
  void copiedStaffRecord(VozHarness voz) throws Exception {
    String eve = await(voz.createStaff("cm-eve", "case_manager"));
    await(voz.createStaff("ad-1", "admin"));
    var c = voz.redis.commands();
    String adminRecord = c.get(voz.prefix + ":staff:ad-1").get(5, TimeUnit.SECONDS);
    c.set(voz.prefix + ":staff:cm-eve", adminRecord).get(5, TimeUnit.SECONDS);

    var created = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(eve)
        .sendJsonObject(StaffJson.of("cm-" + UUID.randomUUID().toString().substring(0, 6), "case_manager").json()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(401);
  }

  @Test
  @DisplayName("a token entry written straight into Redis (either layout) lets nobody in")
  void forgedTokenEntry(VozHarness voz) throws Exception {
    await(voz.createStaff("ad-1", "admin"));
    String mine = "a-token-i-made-up-0123456789";
    var c = voz.redis.commands();
    c.set(voz.prefix + ":token:" + StaffRepository.sha256(mine), "ad-1").get(5, TimeUnit.SECONDS);
    c.set(voz.prefix + ":stafftoken:" + StaffRepository.sha256(mine), "ad-1").get(5, TimeUnit.SECONDS);
    // and a real entry's sealed value copied under an index of one's own making
    String index = c.keys(voz.prefix + ":stafftoken:*").get(5, TimeUnit.SECONDS).get(0);
    c.set(voz.prefix + ":stafftoken:" + voz.keyring.tokenIndex(StaffRepository.sha256(mine)),
        c.get(index).get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);

    var answer = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(mine).send());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(c.keys(voz.prefix + ":token:*").get(5, TimeUnit.SECONDS)).as("nothing plain moved in").hasSize(1);
  }

  @Test
  @DisplayName("tokens of the first layout (plain SHA-256 → staff id) are moved to the keyed index at start, and work")
  void legacyTokensMigrated(VozRoom room) throws Exception {
    VozHarness voz = room.voz();
    String token = await(voz.createStaff("cm-old", "case_manager"));
    var c = voz.redis.commands();
    // as the first layout kept it
    for (String key : c.keys(voz.prefix + ":stafftoken:*").get(5, TimeUnit.SECONDS)) {
      c.del(key).get(5, TimeUnit.SECONDS);
    }
    c.set(voz.prefix + ":token:" + StaffRepository.sha256(token), "cm-old").get(5, TimeUnit.SECONDS);

    VozHarness restarted = room.twin();
    assertThat(await(restarted.client.get("/api/v1/alerts").bearerTokenAuthentication(token).send()).statusCode())
        .isEqualTo(200);
    assertThat(c.keys(voz.prefix + ":token:*").get(5, TimeUnit.SECONDS)).isEmpty();
    String value = c.get(voz.prefix + ":stafftoken:" + voz.keyring.tokenIndex(StaffRepository.sha256(token)))
        .get(5, TimeUnit.SECONDS);
    assertThat(value).startsWith("v2.").doesNotContain("cm-old");
  }

  @Test
  @DisplayName("under a wrong data key: not ready (503, data_key_mismatch, no secret), and a survivor is not answered as a stranger")
  void wrongKey(VozRoom room, Twilio twilio) throws Exception {
    VozHarness voz = room.voz();
    String phone = "+50255557001";
    await(voz.enrol(phone, "es", "4821"));
    assertThat(await(voz.client.get("/health/ready").send()).statusCode()).isEqualTo(200);

    VozHarness wrong = room.twinWithKeys(Keyring.newKey(), List.of());
    var ready = await(wrong.client.get("/health/ready").send());
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("reason")).isEqualTo("data_key_mismatch");
    assertThat(body.encode()).doesNotContain(java.util.Base64.getEncoder().encodeToString(voz.dataKey));

    var inbound = await(wrong.sms(phone, "Hola", VozHarness.newSid()));
    assertThat(inbound.statusCode()).isEqualTo(503);
    assertThat(inbound.bodyAsJsonObject().getString("error")).isEqualTo("data_key_mismatch");
    org.voz.testing.Wait.holdsFor(Duration.ofMillis(500), () -> twilio.sent().isEmpty());
    // the right instance still serves the same survivor
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    waitFor(() -> twilio.sent().size() == 1, Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("data written before the canary existed: a wrong key is refused (a record is probed), the right one writes the canary")
  void dataBeforeTheCanary(VozRoom room) throws Exception {
    VozHarness voz = room.voz();
    await(voz.enrol("+50255557002", "es", "4821"));
    var c = voz.redis.commands();
    c.del(voz.prefix + ":keys").get(5, TimeUnit.SECONDS);

    VozHarness wrong = room.twinWithKeys(Keyring.newKey(), List.of());
    assertThat(await(wrong.client.get("/health/ready").send()).statusCode()).isEqualTo(503);
    assertThat(c.exists(voz.prefix + ":keys").get(5, TimeUnit.SECONDS)).as("nothing written under the wrong key").isZero();

    VozHarness right = room.twin();
    assertThat(await(right.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
    assertThat(c.hget(voz.prefix + ":keys", "canary").get(5, TimeUnit.SECONDS)).startsWith("v2." + voz.keyring.currentKeyId());
  }

  @Test
  @DisplayName("a rotation under way: a new current key with the old one previous finds and serves the survivor enrolled before")
  void previousKeyStillRead(VozRoom room, Twilio twilio) throws Exception {
    VozHarness voz = room.voz();
    String phone = "+50255557003";
    String id = await(voz.enrol(phone, "es", "4821"));
    await(voz.voz.stop()); // restarted with the new key current and the old one readable
    VozHarness rotated = room.twinWithKeys(Keyring.newKey(), List.of(voz.dataKey));
    assertThat(await(rotated.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
    await(rotated.sms(phone, "Hola", VozHarness.newSid()));
    await(rotated.sms(phone, "4821", VozHarness.newSid()));
    waitFor(() -> twilio.bodiesTo(phone).size() >= 2, Duration.ofSeconds(10));
    var keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
    var stored = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    assertThat(rotated.session(id, stored).verified())
        .as("the PIN, hashed before the rotation, still matches").isTrue();
    assertThat(stored.blob()).as("the session is sealed under the survivor's own key").startsWith("p1.");
    assertThat(stored.survivorKey()).as("wrapped under the old key until the rotation").startsWith("v2." + Keyring.keyId(voz.dataKey));
  }
}
