package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/**
 * Minors end to end: a representative recorded at enrolment and by PATCH; a minor's grant in the chat waits for the
 * representative's answer (recorded by the case manager, with who and a receipt) while an adult's is granted at once,
 * and a minor's revocation takes effect at once; at 18 the job notes the record (ledger, alert) and the level may
 * then come down.
 */
@VozTest
@VozClock(MinorsTest.START_TEXT)
@DisplayName("Minors: the representative, a grant that waits for them, a revocation that does not, coming of age")
class MinorsTest {

  static final String START_TEXT = "2026-12-01T10:00:00Z";
  private static final Instant START = Instant.parse(START_TEXT);
  private static final LocalDate TODAY = LocalDate.ofInstant(START, ZoneOffset.UTC);
  private static final String WAITS = "Gracias. Guardamos tu respuesta. Tu representante también tiene que aceptarlo.";

  private VozHarness voz;
  private WireMockServer stub;
  private MutableClock clock;
  private String cm;
  private String cmToken;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    cmToken = await(voz.createStaff(cm, "case_manager"));
  }

  private static JsonObject representative() {
    return new JsonObject().put("name", "María López").put("relation", "madre")
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", "+50255599999")));
  }

  /** A survivor with the pending request c2 (asked first after the PIN); a minor (15) when {@code minor}. */
  private EnrolmentJson survivor(String phone, boolean minor) {
    EnrolmentJson json = EnrolmentJson.standard(cm, "es", "sms", phone).caseRef("GT-" + phone.substring(phone.length() - 4))
        .consent(ConsentJson.medical("c2", "pending"));
    return minor ? json.dateOfBirth(TODAY.minusYears(15).toString()).duressPin("7365") : json;
  }

  private String enrolled(EnrolmentJson json) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cmToken)
        .sendJsonObject(json.json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> patch(String id, JsonObject body) throws Exception {
    return await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken).sendJsonObject(body));
  }

  private HttpResponse<Buffer> answer(String id, String consentId, String answer) throws Exception {
    return await(voz.client.post("/api/v1/survivors/" + id + "/consents/" + consentId + "/representative")
        .bearerTokenAuthentication(cmToken).sendJsonObject(new JsonObject().put("answer", answer).put("note", "Por teléfono")));
  }

  private String status(String id, String consentId) {
    return voz.consentStatus(cmToken, id, consentId);
  }

  private List<JsonObject> ledger(String id) {
    return voz.ledger(cmToken, id);
  }

  private List<JsonObject> alerts(String id, String type) {
    return Stubs.alerts(stub).stream()
        .filter(a -> a.getString("type").equals(type) && id.equals(a.getString("survivorId"))).toList();
  }

  @Test
  @DisplayName("a representative at enrolment and by PATCH: shown in the record, removed with null; a blank name is a 400")
  void representativeRecorded() throws Exception {
    String id = enrolled(survivor("+50255581001", true).with("representative", representative()));
    HttpResponse<Buffer> shown = patch(id, new JsonObject().put("language", "es"));
    assertThat(shown.statusCode()).as(shown.bodyAsString()).isEqualTo(200);
    assertThat(shown.bodyAsJsonObject().getJsonObject("representative")).isEqualTo(representative());

    JsonObject father = new JsonObject().put("name", "José López").put("relation", "padre");
    HttpResponse<Buffer> changed = patch(id, new JsonObject().put("representative", father));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getJsonObject("representative").getString("name")).isEqualTo("José López");
    assertThat(changed.bodyAsJsonObject().getJsonObject("representative").getJsonArray("contacts")).isEmpty();
    // the ledger names the part changed, never its values
    JsonObject amended = ledger(id).stream().filter(e -> e.getString("type").equals("record.amended"))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(amended.encode()).contains("representative").doesNotContain("José");

    HttpResponse<Buffer> blank = patch(id, new JsonObject().put("representative", new JsonObject().put("name", " ")
        .put("relation", "padre")));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.bodyAsJsonObject().getString("field")).startsWith("representative");

    HttpResponse<Buffer> removed = patch(id, new JsonObject().putNull("representative"));
    assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(200);
    assertThat(removed.bodyAsJsonObject().getValue("representative")).isNull();
  }

  @Test
  @DisplayName("a minor's 'yes' waits for the representative (alert, kind text); only the answer the case manager records "
      + "grants it, with who and a receipt; an adult's 'yes' is granted at once")
  void minorsGrantWaits() throws Exception {
    String minorPhone = "+50255582001";
    String adultPhone = "+50255582002";
    String minor = enrolled(survivor(minorPhone, true));
    String adult = enrolled(survivor(adultPhone, false));

    List<String> minorReplies = Stubs.converse(voz, stub, minorPhone, "hola", "4821", "1");
    assertThat(minorReplies.get(2)).startsWith(WAITS).contains("Recibo: ").doesNotContain("Aceptado");
    assertThat(status(minor, "c2")).isEqualTo("pending_representative");
    List<String> adultReplies = Stubs.converse(voz, stub, adultPhone, "hola", "4821", "1");
    assertThat(adultReplies.get(2)).startsWith("Gracias. Aceptado. Recibo: ");
    assertThat(status(adult, "c2")).isEqualTo("granted");

    waitFor(() -> !alerts(minor, "consent.pending_representative").isEmpty(), Duration.ofSeconds(10));
    JsonObject waiting = alerts(minor, "consent.pending_representative").get(0);
    assertThat(waiting.getString("consentId")).isEqualTo("c2");
    assertThat(waiting.getBoolean("urgent")).as("a minor is high").isTrue();
    assertThat(alerts(minor, "consent.granted")).isEmpty();
    JsonObject chatEvent = ledger(minor).stream().filter(e -> "c2".equals(e.getString("consentId"))).reduce((a, b) -> b)
        .orElseThrow();
    assertThat(chatEvent.getString("type")).isEqualTo("consent.pending_representative");
    assertThat(chatEvent.getString("to")).isEqualTo("pending_representative");

    // no representative recorded yet: the answer is refused; the adult's grant takes none
    HttpResponse<Buffer> nobody = answer(minor, "c2", "confirmed");
    assertThat(nobody.statusCode()).isEqualTo(409);
    assertThat(nobody.bodyAsJsonObject().getString("error")).isEqualTo("no_representative");
    assertThat(answer(adult, "c2", "confirmed").statusCode()).isEqualTo(409);
    assertThat(patch(minor, new JsonObject().put("representative", representative())).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> confirmed = answer(minor, "c2", "confirmed");
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    String receipt = confirmed.bodyAsJsonObject().getString("receipt");
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    assertThat(confirmed.bodyAsJsonObject().getString("recordedBy")).isEqualTo(cm);
    assertThat(confirmed.bodyAsJsonObject().getJsonObject("consent").getString("status")).isEqualTo("granted");
    assertThat(status(minor, "c2")).isEqualTo("granted");
    JsonObject recorded = ledger(minor).get(ledger(minor).size() - 1);
    assertThat(recorded.getString("type")).isEqualTo("consent.granted");
    assertThat(recorded.getString("from")).isEqualTo("pending_representative");
    assertThat(recorded.getString("channel")).isEqualTo("representative");
    assertThat(recorded.getString("actor")).isEqualTo("staff:" + cm);
    assertThat(recorded.getString("receipt")).isEqualTo(receipt);
    waitFor(() -> alerts(minor, "consent.granted").stream().anyMatch(a -> receipt.equals(a.getString("receipt"))),
        Duration.ofSeconds(10));
    assertThat(alerts(minor, "consent.granted").get(0).encode()).doesNotContain("María");
    // answered once: a second answer is a conflict
    assertThat(answer(minor, "c2", "declined").statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("a minor's revocation takes effect at once, of a grant still waiting too; the representative's 'no' declines")
  void revocationDoesNotWait() throws Exception {
    String phone = "+50255583001";
    String minor = enrolled(survivor(phone, true).with("representative", representative())
        .consent(ConsentJson.item("c3").data("contact-details").recipient("legal-aid-network").purpose("legal-support")
            .until("2027-12-31").status("pending")));
    // yes to c2, yes to c3: both wait
    List<String> replies = Stubs.converse(voz, stub, phone, "hola", "4821", "1", "1");
    assertThat(replies.get(2)).startsWith(WAITS);
    assertThat(replies.get(3)).startsWith(WAITS);
    assertThat(status(minor, "c2")).isEqualTo("pending_representative");
    assertThat(status(minor, "c3")).isEqualTo("pending_representative");

    // withdraw c2 (listed second, after the granted c1) before anyone answered for it: revoked at once
    List<String> revoke = Stubs.converse(voz, stub, phone, "2", "2", "1");
    assertThat(revoke.get(0)).contains("espera a tu representante");
    assertThat(revoke.get(2)).contains("Recibo: ");
    assertThat(status(minor, "c2")).isEqualTo("revoked");
    assertThat(status(minor, "c1")).isEqualTo("granted");
    waitFor(() -> !alerts(minor, "consent.revoked").isEmpty(), Duration.ofSeconds(10));
    assertThat(answer(minor, "c2", "confirmed").statusCode()).as("revoked: nothing to confirm").isEqualTo(409);

    HttpResponse<Buffer> declined = answer(minor, "c3", "declined");
    assertThat(declined.statusCode()).as(declined.bodyAsString()).isEqualTo(200);
    assertThat(status(minor, "c3")).isEqualTo("declined");
    waitFor(() -> !alerts(minor, "consent.declined").isEmpty(), Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("at 18 the job notes the record once (ledger, alert); the level stays high until the case manager lowers it, "
      + "which is refused while a minor and allowed after; a grant then is granted at once")
  void comingOfAge() throws Exception {
    String phone = "+50255584001";
    LocalDate born = TODAY.minusYears(18).plusDays(2); // 18 in two days
    String id = enrolled(survivor(phone, false).dateOfBirth(born.toString()).duressPin("7365"));
    assertThat(await(voz.voz.comingOfAgeJob().run())).isZero();
    HttpResponse<Buffer> refused = patch(id, new JsonObject().put("riskLevel", "low").put("riskReason", "Cumple 18"));
    assertThat(refused.statusCode()).isEqualTo(409);

    clock.advance(Duration.ofDays(1));
    assertThat(await(voz.voz.comingOfAgeJob().run())).as("the day before").isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(await(voz.voz.comingOfAgeJob().run())).isEqualTo(1);
    assertThat(await(voz.voz.comingOfAgeJob().run())).as("noted once").isZero();

    JsonObject noted = ledger(id).get(ledger(id).size() - 1);
    assertThat(noted.getString("type")).isEqualTo("record.came_of_age");
    assertThat(noted.getString("actor")).isEqualTo("system:coming-of-age");
    waitFor(() -> !alerts(id, "record.came_of_age").isEmpty(), Duration.ofSeconds(10));
    JsonObject alert = alerts(id, "record.came_of_age").get(0);
    assertThat(alert.getString("riskLevel")).isEqualTo("high");
    assertThat(alert.getString("pendingRepresentative")).isEqualTo("0");
    assertThat(alert.encode()).doesNotContain(born.toString());

    HttpResponse<Buffer> same = patch(id, new JsonObject().put("language", "es"));
    assertThat(same.bodyAsJsonObject().getString("riskLevel")).as("stays as it is").isEqualTo("high");
    HttpResponse<Buffer> lowered = patch(id, new JsonObject().put("riskLevel", "low").put("riskReason", "Cumplió 18"));
    assertThat(lowered.statusCode()).as(lowered.bodyAsString()).isEqualTo(200);
    assertThat(lowered.bodyAsJsonObject().getString("riskLevel")).isEqualTo("low");

    List<String> replies = Stubs.converse(voz, stub, phone, "hola", "4821", "1");
    assertThat(replies.get(2)).startsWith("Gracias. Aceptado. Recibo: ");
    assertThat(status(id, "c2")).isEqualTo("granted");
  }

  /** The ids in the coming-of-age index, over every partition. */
  private List<String> adultIndex() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (String key : await(voz.redis.future(voz.redis.commands().keys(voz.prefix + ":{*}:adults")))) {
      ids.addAll(await(voz.redis.future(voz.redis.commands().zrange(key, 0, -1))));
    }
    return ids;
  }

  /** Records as written before the index existed: no entry in it, and no marker of a backfill. */
  private void forgetTheIndex() throws Exception {
    for (String key : await(voz.redis.future(voz.redis.commands().keys(voz.prefix + ":{*}:adults")))) {
      await(voz.redis.future(voz.redis.commands().del(key)));
    }
    await(voz.redis.future(voz.redis.commands().del(voz.prefix + ":adults:backfilled")));
  }

  @Test
  @DisplayName("a minor enrolled before the coming-of-age index existed is indexed by the job's first pass, once, and "
      + "noted at 18; an adult enrolled as one is not")
  void backfill() throws Exception {
    String minor = enrolled(survivor("+50255584011", false).dateOfBirth(TODAY.minusYears(18).plusDays(2).toString())
        .duressPin("7365"));
    String adult = enrolled(survivor("+50255584012", false).dateOfBirth(TODAY.minusYears(30).toString()));
    forgetTheIndex();
    assertThat(adultIndex()).isEmpty();

    assertThat(await(voz.voz.comingOfAgeJob().run())).isZero();
    assertThat(adultIndex()).as("the minor, not the adult").containsExactly(minor);
    assertThat(await(voz.redis.future(voz.redis.commands().get(voz.prefix + ":adults:backfilled")))).isNotNull();

    // once done, a pass reads only the marker: an entry lost now is not put back by a scan
    await(voz.redis.future(voz.redis.commands().del(voz.prefix + ":{" + partitionOf(minor) + "}:adults")));
    assertThat(await(voz.voz.comingOfAgeJob().run())).isZero();
    assertThat(adultIndex()).isEmpty();
    // run again from scratch (the marker gone too): the same entry, once
    forgetTheIndex();
    assertThat(await(voz.voz.comingOfAgeJob().run())).isZero();
    assertThat(await(voz.voz.comingOfAgeJob().run())).isZero();
    assertThat(adultIndex()).containsExactly(minor);

    clock.advance(Duration.ofDays(2));
    assertThat(await(voz.voz.comingOfAgeJob().run())).isEqualTo(1);
    assertThat(await(voz.voz.comingOfAgeJob().run())).as("noted once").isZero();
    assertThat(ledger(minor)).extracting(e -> e.getString("type")).contains("record.came_of_age");
    assertThat(ledger(adult)).extracting(e -> e.getString("type")).doesNotContain("record.came_of_age");
    assertThat(adultIndex()).isEmpty();
  }

  /** The partition of a survivor's keys: the one whose session hash holds them. */
  private String partitionOf(String survivorId) throws Exception {
    String key = await(voz.redis.future(voz.redis.commands().keys(voz.prefix + ":{*}:session:" + survivorId))).get(0);
    return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
  }
}
