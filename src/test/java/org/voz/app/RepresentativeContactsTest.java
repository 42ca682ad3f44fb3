package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.consent.Representative;
import org.voz.consent.Survivor;
import org.voz.service.casework.Enrolment;
import org.voz.store.RepresentativeIndex;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/**
 * A minor's representative's own PIN (write-only, hashed like the survivor's) and their contacts: found the way a
 * survivor's address is (a keyed hash, {@code voz:repaddr:}), so a number is either a survivor's or a representative's,
 * refused at enrolment and PATCH without telling a case manager of another caseload that the number is known; siblings
 * share a representative; the index entries go with a change of representative, an erasure and coming of age.
 */
@VozTest
@VozClock(RepresentativeContactsTest.START_TEXT)
@DisplayName("A minor's representative: their own PIN, their numbers (one person, one role), the index of their numbers")
class RepresentativeContactsTest {

  static final String START_TEXT = "2026-12-01T10:00:00Z";
  private static final LocalDate TODAY = LocalDate.ofInstant(Instant.parse(START_TEXT), ZoneOffset.UTC);

  private VozHarness voz;
  private MutableClock clock;
  private String cm;
  private String cmToken;
  private String otherCm;
  private String otherToken;

  @BeforeEach
  void start(VozHarness voz, MutableClock clock) throws Exception {
    this.voz = voz;
    this.clock = clock;
    cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    cmToken = await(voz.createStaff(cm, "case_manager"));
    otherCm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    otherToken = await(voz.createStaff(otherCm, "case_manager"));
  }

  private static JsonObject representative(String phone, String pin) {
    JsonObject r = new JsonObject().put("name", "María López").put("relation", "madre")
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)));
    return pin == null ? r : r.put("pin", pin);
  }

  private EnrolmentJson minor(String phone) {
    return EnrolmentJson.standard(cm, "es", "sms", phone).caseRef("GT-" + phone.substring(phone.length() - 4))
        .consent(ConsentJson.medical("c2", "pending")).dateOfBirth(TODAY.minusYears(15).toString()).duressPin("7365");
  }

  private HttpResponse<Buffer> enrol(String token, EnrolmentJson json) throws Exception {
    return await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token).sendJsonObject(json.json()));
  }

  private String enrolled(EnrolmentJson json) throws Exception {
    HttpResponse<Buffer> response = enrol(cmToken, json);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> patch(String token, String id, JsonObject body) throws Exception {
    return await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private Survivor stored(String id) throws Exception {
    return await(voz.survivors().find(id)).orElseThrow();
  }

  /** The minors the index holds for an address, under the current key (the entry's key name is the keyed hash). */
  private Set<String> indexed(String phone) throws Exception {
    String key = voz.keys().global(RepresentativeIndex.KIND, voz.keyring.addressHash("sms", phone));
    return voz.redis.commands().smembers(key).get(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  private boolean keyExists(String phone) throws Exception {
    String key = voz.keys().global(RepresentativeIndex.KIND, voz.keyring.addressHash("sms", phone));
    return voz.redis.commands().exists(key).get(5, java.util.concurrent.TimeUnit.SECONDS) > 0;
  }

  @Test
  @DisplayName("the representative's PIN is hashed like the survivor's (same scheme and iterations) and never shown; a "
      + "PATCH without it keeps it, with it replaces it; the survivor's own PIN is refused for it, at enrolment and in a PATCH")
  void pinWriteOnly() throws Exception {
    String id = enrolled(minor("+50255591001").with("representative", representative("+50255591901", "5093")));
    Survivor s = stored(id);
    String hash = s.representative().pinHash();
    assertThat(hash).isNotNull().doesNotContain("5093").isNotEqualTo(s.pinHash());
    String[] mine = hash.split("\\$");
    String[] survivors = s.pinHash().split("\\$");
    assertThat(mine[0]).isEqualTo(survivors[0]);
    assertThat(mine[1]).as("the same iterations").isEqualTo(survivors[1]);

    HttpResponse<Buffer> shown = patch(cmToken, id, new JsonObject().put("language", "es"));
    assertThat(shown.statusCode()).as(shown.bodyAsString()).isEqualTo(200);
    assertThat(shown.bodyAsJsonObject().getJsonObject("representative").fieldNames())
        .containsExactlyInAnyOrder("name", "relation", "contacts");
    assertThat(shown.bodyAsString()).doesNotContain(mine[3]).doesNotContain("5093");

    HttpResponse<Buffer> kept = patch(cmToken, id,
        new JsonObject().put("representative", representative("+50255591901", null).put("relation", "tutora")));
    assertThat(kept.statusCode()).as(kept.bodyAsString()).isEqualTo(200);
    assertThat(stored(id).representative().pinHash()).as("left out: kept").isEqualTo(hash);
    assertThat(stored(id).representative().relation()).isEqualTo("tutora");

    HttpResponse<Buffer> changed = patch(cmToken, id,
        new JsonObject().put("representative", representative("+50255591901", "6174")));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(stored(id).representative().pinHash()).isNotNull().isNotEqualTo(hash);
    // a PATCH refuses the survivor's own PIN for it, as the enrolment does, and keeps the one set
    String changedHash = stored(id).representative().pinHash();
    HttpResponse<Buffer> theirs = patch(cmToken, id,
        new JsonObject().put("representative", representative("+50255591901", "4821")));
    assertThat(theirs.statusCode()).as(theirs.bodyAsString()).isEqualTo(400);
    assertThat(theirs.bodyAsJsonObject().getString("field")).isEqualTo("representative.pin");
    assertThat(stored(id).representative().pinHash()).isEqualTo(changedHash);

    HttpResponse<Buffer> same = enrol(cmToken, minor("+50255591002")
        .with("representative", representative("+50255591902", "4821")));
    assertThat(same.statusCode()).as(same.bodyAsString()).isEqualTo(400);
    assertThat(same.bodyAsJsonObject().getString("field")).isEqualTo("representative.pin");
    HttpResponse<Buffer> letters = enrol(cmToken, minor("+50255591003")
        .with("representative", representative("+50255591903", "12ab")));
    assertThat(letters.statusCode()).as("4 to 8 digits, as a survivor's").isEqualTo(400);
  }

  @Test
  @DisplayName("a number is a survivor's or a representative's: refused both ways, a conflict only for the case manager "
      + "who holds it, the answer to an invalid contact for any other; siblings share their representative")
  void oneRole() throws Exception {
    String survivorPhone = "+50255592001";
    String repPhone = "+50255592901";
    enrolled(EnrolmentJson.standard(cm, "es", "sms", survivorPhone).caseRef("GT-2001"));
    String first = enrolled(minor("+50255592002").with("representative", representative(repPhone, "5093")));
    String sibling = enrolled(minor("+50255592003").caseRef("GT-2003")
        .with("representative", representative(repPhone, "5093")));
    assertThat(indexed(repPhone)).containsExactlyInAnyOrder(first, sibling);

    // the minor's own number
    HttpResponse<Buffer> own = patch(cmToken, first,
        new JsonObject().put("representative", representative("+50255592002", null)));
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(400);
    assertThat(own.bodyAsJsonObject().getString("field")).isEqualTo("representative.contacts[0].address");

    // a survivor's number as a representative's: the case manager who holds it is told, another is not
    HttpResponse<Buffer> theirs = enrol(cmToken, minor("+50255592004").caseRef("GT-2004")
        .with("representative", representative(survivorPhone, null)));
    assertThat(theirs.statusCode()).as(theirs.bodyAsString()).isEqualTo(409);
    assertThat(theirs.bodyAsJsonObject().getString("field")).isEqualTo("representative.contacts[0].address");
    HttpResponse<Buffer> hidden = enrol(otherToken, minor("+50255592005").caseManager(otherCm).caseRef("GT-2005")
        .with("representative", representative(survivorPhone, null)));
    assertThat(hidden.statusCode()).as(hidden.bodyAsString()).isEqualTo(400);
    assertThat(hidden.bodyAsJsonObject().getString("field")).isEqualTo("representative.contacts[0].address");
    assertThat(hidden.bodyAsJsonObject().getString("message")).isEqualTo(Enrolment.CONTACT_REFUSED);

    // a representative's number as a survivor's: the same answers
    HttpResponse<Buffer> taken = enrol(cmToken, EnrolmentJson.standard(cm, "es", "sms", repPhone).caseRef("GT-2901"));
    assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(409);
    assertThat(taken.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");
    HttpResponse<Buffer> refused = enrol(otherToken,
        EnrolmentJson.standard(otherCm, "es", "sms", repPhone).caseRef("GT-2902"));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo(Enrolment.CONTACT_REFUSED);
    String adult = enrolled(EnrolmentJson.standard(cm, "es", "sms", "+50255592006").caseRef("GT-2006"));
    HttpResponse<Buffer> added = patch(cmToken, adult, new JsonObject().put("contacts", new JsonArray()
        .add(new JsonObject().put("channel", "sms").put("address", "+50255592006"))
        .add(new JsonObject().put("channel", "sms").put("address", repPhone))));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(409);
    assertThat(added.bodyAsJsonObject().getString("field")).isEqualTo("contacts[1].address");
  }

  @Test
  @DisplayName("the index follows the record: a new representative moves it, an erasure and coming of age take it out, "
      + "a sibling's entry stays; no key is left named after a representative who represents no one")
  void indexFollowsTheRecord() throws Exception {
    String repPhone = "+50255593901";
    String newRepPhone = "+50255593902";
    String id = enrolled(minor("+50255593001").with("representative", representative(repPhone, "5093")));
    String sibling = enrolled(minor("+50255593002").caseRef("GT-3002")
        .with("representative", representative(repPhone, null)));
    assertThat(indexed(repPhone)).containsExactlyInAnyOrder(id, sibling);

    assertThat(patch(cmToken, id, new JsonObject().put("representative", representative(newRepPhone, null)))
        .statusCode()).isEqualTo(200);
    assertThat(indexed(repPhone)).containsExactly(sibling);
    assertThat(indexed(newRepPhone)).containsExactly(id);

    HttpResponse<Buffer> erased = await(voz.client.delete("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "asked to be forgotten")));
    assertThat(erased.statusCode()).as(erased.bodyAsString()).isEqualTo(204);
    assertThat(keyExists(newRepPhone)).as("no key named after them").isFalse();
    assertThat(indexed(repPhone)).containsExactly(sibling);

    // the sibling's representative removed: the key goes
    assertThat(patch(cmToken, sibling, new JsonObject().putNull("representative")).statusCode()).isEqualTo(200);
    assertThat(keyExists(repPhone)).isFalse();

    String comingOfAge = enrolled(EnrolmentJson.standard(cm, "es", "sms", "+50255593003").caseRef("GT-3003")
        .dateOfBirth(TODAY.minusYears(18).plusDays(1).toString()).duressPin("7365")
        .with("representative", representative(repPhone, null)));
    assertThat(indexed(repPhone)).containsExactly(comingOfAge);
    clock.advance(Duration.ofDays(1));
    assertThat(await(voz.voz.comingOfAgeJob().run())).isEqualTo(1);
    assertThat(keyExists(repPhone)).as("out at 18").isFalse();
    Representative kept = stored(comingOfAge).representative();
    assertThat(kept).as("the record keeps its representative").isNotNull();
  }
}
