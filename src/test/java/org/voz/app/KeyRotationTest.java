package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.testing.RedisDump;

@VozTest
@DisplayName("voz keys rotate: everything moves to the new key online, while messages flow")
class KeyRotationTest {

  private static final int SURVIVORS = 6;
  private static final int ROUNDS = 8;

  @Test
  @DisplayName("rotation under load: no failed message, then nothing sealed or indexed under the old key, and the old key can go")
  void rotateWhileMessagesFlow(VozRoom room, Twilio twilio) throws Exception {
    VozHarness before = room.voz();
    byte[] oldKey = before.dataKey;
    String oldId = Keyring.keyId(oldKey);
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < SURVIVORS; i++) {
      String phone = "+5025556" + String.format("%04d", i);
      phones.add(phone);
      await(before.enrol(phone, "es", "4821"));
      await(before.sms(phone, "Hola", VozHarness.newSid()));
      await(before.sms(phone, "4821", VozHarness.newSid()));
    }
    waitFor(() -> twilio.sent().size() == 2 * SURVIVORS, Duration.ofSeconds(20));
    // a minor whose representative's number is indexed (voz:repaddr:<hash>) under the old key
    String repPhone = "+50255567777";
    String minorCm = "cm-minor";
    await(before.createStaff(minorCm, "case_manager"));
    var minorEnrolled = await(before.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(org.voz.testing.EnrolmentJson.standard(minorCm, "es", "sms", "+50255567776")
            .dateOfBirth(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(15).toString()).duressPin("7365")
            .with("representative", new io.vertx.core.json.JsonObject().put("name", "María López").put("relation", "madre")
                .put("contacts", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                    .put("channel", "sms").put("address", repPhone)))).json()));
    assertThat(minorEnrolled.statusCode()).as(minorEnrolled.bodyAsString()).isEqualTo(201);
    String minor = minorEnrolled.bodyAsJsonObject().getString("id");
    await(before.voz.stop()); // every instance restarts with the new key current and the old one previous

    byte[] newKey = Keyring.newKey();
    VozHarness during = room.twinWithKeys(newKey, List.of(oldKey));
    Keys keys = new Keys(before.prefix, during.voz.config().redis().partitions());
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Future<Void>> traffic = new ArrayList<>();
    for (String phone : phones) {
      Future<Void> chain = Future.succeededFuture();
      for (int r = 0; r < ROUNDS; r++) {
        chain = chain.compose(v -> during.sms(phone, "1", VozHarness.newSid()).map(response -> {
          (response.statusCode() == 200 ? answered : failed).incrementAndGet();
          return null;
        })).compose(v -> during.sms(phone, "MENU", VozHarness.newSid()).map(response -> {
          (response.statusCode() == 200 ? answered : failed).incrementAndGet();
          return null;
        }));
      }
      traffic.add(chain);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = await(KeysCli.rotate(during.vertx, during.redis, keys, new Keyring(newKey, List.of(oldKey)),
        Duration.ofSeconds(60), new PrintStream(out, true, StandardCharsets.UTF_8)));
    await(Future.all(traffic));
    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(failed.get()).as("failed messages").isZero();
    assertThat(answered.get()).isEqualTo(SURVIVORS * ROUNDS * 2);
    waitFor(() -> twilio.sent().size() >= 2 * SURVIVORS + SURVIVORS * ROUNDS * 2, Duration.ofSeconds(30));
    assertThat(code).as(report).isZero();
    assertThat(report).contains("pass 1").containsPattern("values sealed again [1-9]");

    // a last pass after the traffic, then: nothing sealed under the old key id, no address under its hash
    assertThat(await(KeysCli.rotate(during.vertx, during.redis, keys, new Keyring(newKey, List.of(oldKey)),
        Duration.ofSeconds(30), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))).isZero();
    Keyring onlyNew = new Keyring(newKey);
    List<RedisDump.Value> all = RedisDump.all(during.redis, keys, (aad, sealed) -> during.open(aad, sealed));
    assertThat(all).filteredOn(v -> Keyring.isSealed(v.raw())).isNotEmpty()
        .allSatisfy(v -> assertThat(Keyring.keyIdOf(v.raw())).as(v.key() + " " + v.field()).isEqualTo(onlyNew.currentKeyId()));
    assertThat(all).noneMatch(v -> v.raw() != null && v.raw().contains("v2." + oldId + "."));
    var c = during.redis.commands();
    Keyring oldOnly = new Keyring(oldKey);
    for (String phone : phones) {
      assertThat(c.exists(keys.global("addr", oldOnly.addressHash("sms", phone))).get(5, TimeUnit.SECONDS)).isZero();
      assertThat(c.exists(keys.global("addr", onlyNew.addressHash("sms", phone))).get(5, TimeUnit.SECONDS)).isOne();
    }
    assertThat(c.exists(keys.global("repaddr", oldOnly.addressHash("sms", repPhone))).get(5, TimeUnit.SECONDS)).isZero();
    assertThat(c.smembers(keys.global("repaddr", onlyNew.addressHash("sms", repPhone))).get(5, TimeUnit.SECONDS))
        .containsExactly(minor);

    // the old key removed: ready, the survivors found, their PIN (hashed before) still good, the staff token works
    await(during.voz.stop());
    VozHarness after = room.twinWithKeys(newKey, List.of());
    assertThat(await(after.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
    int sentBefore = twilio.sent().size();
    await(after.sms(phones.get(0), "MENU", VozHarness.newSid()));
    await(after.sms(phones.get(0), "4821", VozHarness.newSid()));
    waitFor(() -> twilio.sent().size() >= sentBefore + 2, Duration.ofSeconds(10));
    String id = await(after.enrol("+50255569999", "es", "1234"));
    assertThat(id).isNotBlank();
  }

  @Test
  @DisplayName("voz keys rotate refuses to touch data its keys do not open")
  void refusesUnderWrongKeys(VozHarness voz) throws Exception {
    await(voz.enrol("+50255568888", "es", "4821"));
    Keys keys = new Keys(voz.prefix, voz.voz.config().redis().partitions());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = await(KeysCli.rotate(voz.vertx, voz.redis, keys, new Keyring(Keyring.newKey()), Duration.ofSeconds(5),
        new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("data_key_mismatch").contains("nothing done");
  }
}
