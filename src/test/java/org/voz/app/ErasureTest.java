package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.store.Aad;
import org.voz.store.Keys;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.RedisDump;

@VozTest
@VozConfig("outbox.maxAttempts=50")
@DisplayName("Erasure: DELETE /api/v1/survivors/{id}, and removing one contact")
class ErasureTest {

  @Test
  @DisplayName("after erasure: 404, unknown sender, enrolable again, nothing in Redis names or leads to them, and a copy of their sealed record opens no more")
  void erase(VozHarness voz, WireMockServer stub, Twilio twilio) throws Exception {
    String phone = "+50255558001";
    String other = "+50255558002";
    String cm = "cm-erase";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    String otherCm = await(voz.createStaff("cm-other", "case_manager"));
    String id = enrol(voz, cmToken, cm, phone);
    String keep = await(voz.enrol(other, "es", "4821"));
    // a conversation: a session, ledger events, an alert (the revocation), replies
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    waitFor(() -> twilio.bodiesTo(phone).size() >= 2, Duration.ofSeconds(10));
    await(voz.sms(other, "Hola", VozHarness.newSid()));
    // and replies that cannot go out now: waiting for a retry (or dead-lettered) when the erasure comes
    stub.stubFor(post(urlPathMatching(".*/Messages.json")).atPriority(1)
        .withRequestBody(containing(URLEncoder.encode(phone, StandardCharsets.UTF_8)))
        .willReturn(aResponse().withStatus(503)));
    await(voz.sms(phone, "MENU", VozHarness.newSid()));
    Keys keys = voz.keys();
    int p = keys.partitionOf(id);
    var c = voz.redis.commands();
    waitFor(() -> {
      try {
        return c.zcard(keys.retry(p)).get(5, TimeUnit.SECONDS) + c.xlen(keys.dead(p)).get(5, TimeUnit.SECONDS) > 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(10));
    // a reply whose send the provider confirmed after its delivery had timed out: its sent marker waits for the retry
    List<String> retrying = c.zrange(keys.retry(p), 0, -1).get(5, TimeUnit.SECONDS);
    String marker = null;
    for (String member : retrying) {
      io.vertx.core.json.JsonArray pairs = new io.vertx.core.json.JsonArray(member);
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        if (pairs.getString(i).equals("id")) {
          marker = keys.sentMarker(p, pairs.getString(i + 1));
        }
      }
    }
    if (marker != null) {
      c.set(marker, "SM" + "0".repeat(32)).get(5, TimeUnit.SECONDS);
    }
    Map<String, String> before = c.hgetall(keys.session(p, id)).get(5, TimeUnit.SECONDS);
    assertThat(before.get("record")).startsWith("p1.");
    assertThat(voz.open(Aad.record(id), before.get("record"))).contains(phone);
    String addressHash = voz.keyring.addressHash("sms", phone);

    // who may, and a reason
    assertThat(await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(otherCm)
        .sendJsonObject(new JsonObject().put("reason", "asked"))).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject())).statusCode()).isEqualTo(400);
    var erased = await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "the survivor asked to be forgotten")));
    assertThat(erased.statusCode()).as(erased.bodyAsString()).isEqualTo(204);

    assertThat(await(voz.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).isEqualTo(404);
    assertThat(await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "again"))).statusCode()).isEqualTo(404);

    // nothing in Redis names or leads to them: no key, no value (opened where sealed) holds the id, the address
    // hash or the number; only the anonymous tombstone is new
    List<RedisDump.Value> all = RedisDump.all(voz.redis, keys, voz::open);
    assertThat(all).allSatisfy(v -> {
      assertThat(v.key()).doesNotContain(id).doesNotContain(addressHash);
      if (v.raw() != null) {
        assertThat(v.raw()).as(v.key()).doesNotContain(id).doesNotContain(addressHash).doesNotContain(phone);
        assertThat(v.opened()).as(v.key()).doesNotContain(id).doesNotContain(addressHash).doesNotContain(phone);
      }
    });
    assertThat(all).filteredOn(v -> v.key().endsWith(":erasures") && "reason".equals(v.field()))
        .singleElement().satisfies(v -> assertThat(v.opened()).isEqualTo("the survivor asked to be forgotten"));
    assertThat(c.smembers(keys.global("caseload", cm)).get(5, TimeUnit.SECONDS)).isEmpty();
    if (marker != null) {
      assertThat(c.exists(marker).get(5, TimeUnit.SECONDS)).as("the sent marker of their entry under way").isZero();
    }
    // the other survivor is untouched
    assertThat(await(voz.client.get("/api/v1/survivors/" + keep + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).isEqualTo(200);

    // a copy of their sealed record taken before cannot be opened: their own key is gone
    assertThat(c.exists(keys.session(p, id)).get(5, TimeUnit.SECONDS)).isZero();
    assertThatThrownBy(() -> voz.open(Aad.record(id), before.get("record")))
        .satisfies(e -> assertThat(e instanceof org.voz.crypto.Keyring.SealException
            || e.getCause() instanceof org.voz.crypto.Keyring.SealException).isTrue());
    assertThatThrownBy(() -> voz.keyring.open(Aad.record(id), before.get("record")))
        .as("the data key alone opens none of it").isInstanceOf(org.voz.crypto.Keyring.SealException.class);

    // a message from the address is a stranger's, like one from a number never enrolled
    stub.resetAll();
    Stubs.twilioAccepts(stub);
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    await(voz.sms("+50255558999", "Hola", VozHarness.newSid()));
    waitFor(() -> twilio.bodiesTo(phone).size() == 1 && twilio.bodiesTo("+50255558999").size() == 1, Duration.ofSeconds(10));
    assertThat(twilio.bodiesTo(phone)).isEqualTo(twilio.bodiesTo("+50255558999"));
    // and the address can be enrolled again
    String again = enrol(voz, cmToken, cm, phone);
    assertThat(again).isNotEqualTo(id);
  }

  @Test
  @DisplayName("erasure also deletes the survivor's access log, their case-reference index entry and an alert e-mail about them still waiting to go")
  void eraseAccessLogCaseRefAndAlertMail(VozRoom room) throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort(); // no mail server listens here: the alert e-mail waits for a retry
    }
    VozHarness voz = room.start(Map.of("mail.host", "127.0.0.1", "mail.port", Integer.toString(closed),
        "mail.from", "voz@example.org", "mail.starttls", "disabled"));
    String phone = "+50255558301";
    String cm = "cm-erase-mail";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    Keys keys = voz.keys();
    await(new org.voz.store.AlertEmailSettings(voz.redis, keys, voz.keyring)
        .save(cm, new org.voz.store.AlertEmailSettings.Setting("cm@agency.example.org", true)));
    String caseRef = "GT-2026-0930";
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cmToken)
        .sendJsonObject(EnrolmentJson.standard(cm, "es", "sms", phone).caseRef(caseRef).json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    String id = response.bodyAsJsonObject().getString("id");
    ConsoleClient.revoke(voz, phone); // an alert, and its e-mail to the case manager
    // staff views: the access log
    assertThat(await(voz.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(cmToken)
        .send()).statusCode()).isEqualTo(200);
    assertThat(await(voz.client.get("/api/v1/survivors/" + id + "/consents/history").bearerTokenAuthentication(cmToken)
        .send()).statusCode()).isEqualTo(200);
    int p = keys.partitionOf(id);
    var c = voz.redis.commands();
    String access = keys.inPartition(p, "access", id);
    String caseRefIndex = keys.global("caseref", voz.keyring.addressHash("caseref", caseRef));
    waitFor(() -> {
      try {
        return c.xlen(access).get(5, TimeUnit.SECONDS) >= 2;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(10));
    List<String> accessBefore = c.xrange(access, io.lettuce.core.Range.create("-", "+")).get(5, TimeUnit.SECONDS)
        .stream().map(m -> m.getBody().get("access")).toList();
    assertThat(accessBefore).allSatisfy(v -> assertThat(v).as("sealed under the survivor's own key").startsWith("p1."));
    assertThat(voz.open(Aad.access(id), accessBefore.get(0))).contains(cm);
    assertThat(c.smembers(caseRefIndex).get(5, TimeUnit.SECONDS)).containsExactly(id);
    waitFor(() -> {
      try {
        return RedisDump.all(voz.redis, keys, voz::open).stream().anyMatch(v -> v.opened() != null
            && v.opened().contains("\"alertId\"") && v.opened().contains(id));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(10));

    var erased = await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "asked")));
    assertThat(erased.statusCode()).as(erased.bodyAsString()).isEqualTo(204);

    assertThat(c.exists(access).get(5, TimeUnit.SECONDS)).isZero();
    assertThat(c.exists(caseRefIndex).get(5, TimeUnit.SECONDS)).isZero();
    assertThatThrownBy(() -> voz.open(Aad.access(id), accessBefore.get(0))).as("a copy of the access log opens no more")
        .satisfies(e -> assertThat(e instanceof org.voz.crypto.Keyring.SealException
            || e.getCause() instanceof org.voz.crypto.Keyring.SealException).isTrue());
    List<RedisDump.Value> all = RedisDump.all(voz.redis, keys, voz::open);
    assertThat(all).allSatisfy(v -> {
      assertThat(v.key()).doesNotContain(id);
      if (v.raw() != null) {
        assertThat(v.raw()).as(v.key()).doesNotContain(id).doesNotContain(caseRef);
        assertThat(v.opened()).as(v.key()).doesNotContain(id).doesNotContain(caseRef);
      }
    });
    // the case manager's search by the reference finds nobody
    assertThat(await(voz.survivors().idsForCaseRef(caseRef))).isEmpty();
  }

  @Test
  @DisplayName("a reply under way during the erasure records nothing after it: no Telegram message to delete, no tracked message naming them")
  void replyUnderWay(VozHarness voz) throws Exception {
    String id = await(voz.enrol("+50255558401", "es", "4821"));
    Keys keys = voz.keys();
    int p = keys.partitionOf(id);
    var c = voz.redis.commands();
    org.voz.store.ShownMessages shown = new org.voz.store.ShownMessages(voz.redis, keys, voz.keyring);
    org.voz.store.SentMessages sent = new org.voz.store.SentMessages(voz.redis, keys, Duration.ofHours(1));
    // what the channels record once a reply went out: a Telegram answer to delete later, a tracked Twilio receipt
    org.voz.channel.SentListener telegram = new org.voz.channel.telegram.SensitiveMessages(null, shown,
        java.time.Clock.systemUTC());
    org.voz.channel.SentListener twilio = new org.voz.channel.twilio.TwilioSentLog(sent);
    org.voz.store.OutboxEntry toChat = org.voz.store.OutboxEntry.of("e-tg", org.voz.store.OutboxEntry.Kind.REPLY,
        "telegram", "", "").about(id, org.voz.store.OutboxEntry.SENSITIVE);
    org.voz.store.OutboxEntry toPhone = org.voz.store.OutboxEntry.of("e-sms", org.voz.store.OutboxEntry.Kind.REPLY,
        "sms", "", "").about(id, org.voz.store.OutboxEntry.RECEIPT);
    org.voz.dispatch.OutboundText text = new org.voz.dispatch.OutboundText("…");
    String sid = "SM" + "1".repeat(32);
    // while they are enrolled, what a delivery records after its send is kept
    await(telegram.sent(toChat, "4242", text, List.of("17")));
    await(twilio.sent(toPhone, "+50255558401", text, List.of(sid)));
    assertThat(c.exists(keys.inPartition(p, "shown", id)).get(5, TimeUnit.SECONDS)).isOne();
    assertThat(await(sent.find(sid))).isPresent();

    var erased = await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("reason", "asked")));
    assertThat(erased.statusCode()).as(erased.bodyAsString()).isEqualTo(204);

    // the replies that were on their way when the erasure came are accepted by the provider now, and recorded
    String late = "SM" + "2".repeat(32);
    await(telegram.sent(toChat, "4242", text, List.of("18", "19")));
    await(twilio.sent(toPhone, "+50255558401", text, List.of(late)));
    assertThat(await(sent.find(late))).isEmpty();
    List<RedisDump.Value> all = RedisDump.all(voz.redis, keys, voz::open);
    assertThat(all).allSatisfy(v -> {
      assertThat(v.key()).doesNotContain(id);
      if (v.raw() != null) {
        assertThat(v.raw()).as(v.key()).doesNotContain(id);
        assertThat(v.opened()).as(v.key()).doesNotContain(id);
      }
    });
  }

  @Test
  @DisplayName("removing a seized phone: the record kept, a ledger event, the address unlinked at once and its verified conversation dropped")
  void removeContact(VozHarness voz, Twilio twilio) throws Exception {
    String phone = "+50255558101";
    String id = await(voz.enrol(phone, "es", "4821"));
    await(voz.sms(phone, "Hola", VozHarness.newSid()));
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    waitFor(() -> twilio.bodiesTo(phone).size() >= 2, Duration.ofSeconds(10));
    Keys keys = voz.keys();
    var stored = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    assertThat(voz.session(id, stored).verified()).isTrue();

    assertThat(await(voz.client.delete("/api/v1/survivors/" + id + "/contacts/whatsapp")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).statusCode()).as("no such contact").isEqualTo(404);
    assertThat(await(voz.client.delete("/api/v1/survivors/" + id + "/contacts/pigeon")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).statusCode()).isEqualTo(400);
    var removed = await(voz.client.delete("/api/v1/survivors/" + id + "/contacts/sms")
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("reason", "phone taken")));
    assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(204);

    var after = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    assertThat(voz.session(id, after).verified()).as("the verified conversation is dropped").isFalse();
    assertThat(voz.redis.commands().exists(keys.global("addr", voz.keyring.addressHash("sms", phone))).get(5, TimeUnit.SECONDS)).isZero();
    JsonObject history = await(voz.client.get("/api/v1/survivors/" + id + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject();
    assertThat(history.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
        .contains("contact.removed");
    assertThat(history.getJsonObject("chain").getBoolean("valid")).isTrue();

    // whoever holds the phone now gets a stranger's answer, even to the right PIN
    int sent = twilio.bodiesTo(phone).size();
    await(voz.sms(phone, "4821", VozHarness.newSid()));
    await(voz.sms("+50255558998", "4821", VozHarness.newSid()));
    waitFor(() -> twilio.bodiesTo(phone).size() == sent + 1 && twilio.bodiesTo("+50255558998").size() == 1, Duration.ofSeconds(10));
    assertThat(twilio.bodiesTo(phone).get(sent)).isEqualTo(twilio.bodiesTo("+50255558998").get(0));
    var stillThere = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    assertThat(stillThere.record()).as("the record is kept").isNotNull();
  }

  @Test
  @DisplayName("an erasure cut short (the process stopped) is finished at the next start")
  void resumedAtStart(VozRoom room) throws Exception {
    VozHarness voz = room.voz();
    String phone = "+50255558201";
    String id = await(voz.enrol(phone, "es", "4821"));
    Keys keys = voz.keys();
    var stored = await(new org.voz.store.SessionStore(voz.redis, keys, Duration.ofDays(1)).load(keys.partitionOf(id), id));
    var survivor = voz.survivors().open(voz.sealer(id, stored), id, stored.record());
    // what erase writes before its first step, as if the process had stopped right after
    JsonObject work = new JsonObject().put("survivor", new JsonObject(org.voz.store.Json.write(survivor)))
        .put("by", "cm-x").put("reason", "asked").put("at", "2026-12-01T10:00:00Z");
    voz.redis.commands().hset(keys.global("erasing"), "t-1", voz.keyring.seal(Aad.erasing("t-1"), work.encode()))
        .get(5, TimeUnit.SECONDS);

    VozHarness restarted = room.twin();
    assertThat(await(restarted.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).isEqualTo(404);
    assertThat(voz.redis.commands().exists(keys.global("erasing")).get(5, TimeUnit.SECONDS)).isZero();
    assertThat(voz.redis.commands().xlen(keys.global("erasures")).get(5, TimeUnit.SECONDS)).isOne();
    assertThat(voz.redis.commands().exists(keys.global("addr", voz.keyring.addressHash("sms", phone))).get(5, TimeUnit.SECONDS)).isZero();
  }

  private static String enrol(VozHarness voz, String token, String cm, String phone) throws Exception {
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token)
        .sendJsonObject(EnrolmentJson.standard(cm, "es", "sms", phone).json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }
}
