package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * A minor's representative answers in their own chat (issue 18), over signed Twilio webhooks: a neutral PIN prompt,
 * their own PIN, each grant waiting for them in the consent words (never a name), 1 to confirm and 2 to decline through
 * the case manager's path (status, ledger, alert); wrong PINs lock as a survivor's do; a quick exit works at once; a
 * number in no index is still answered as an unknown sender.
 */
@VozTest
@VozClock(RepresentativeChatTest.START_TEXT)
@DisplayName("A minor's representative answers in their own chat, after their own PIN")
class RepresentativeChatTest {

  static final String START_TEXT = "2026-12-01T10:00:00Z";
  private static final LocalDate TODAY = LocalDate.ofInstant(Instant.parse(START_TEXT), ZoneOffset.UTC);
  private static final String PIN_PROMPT = "Hola. Responde con tu PIN para seguir.";
  private static final String ASKED = "Un menor a tu cargo quiere compartir datos:";
  private static final String REP_PIN = "5093";

  private VozHarness voz;
  private WireMockServer stub;
  private String cm;
  private String cmToken;
  private MutableClock clock;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    cmToken = await(voz.createStaff(cm, "case_manager"));
  }

  /** A minor (15) with the pending requests c2 and c3, whose representative is reached at {@code repPhone}. */
  private String minor(String phone, String repPhone) throws Exception {
    JsonObject representative = new JsonObject().put("name", "María López").put("relation", "madre").put("pin", REP_PIN)
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", repPhone)));
    EnrolmentJson json = EnrolmentJson.standard(cm, "es", "sms", phone).caseRef("GT-" + phone.substring(phone.length() - 4))
        .consent(ConsentJson.medical("c2", "pending")).consent(ConsentJson.medical("c3", "pending").recipient("shelter-casa-esperanza"))
        .dateOfBirth(TODAY.minusYears(15).toString()).duressPin("7365").with("representative", representative);
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cmToken).sendJsonObject(json.json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  /** The minor says yes to both requests in their chat: both wait for the representative. */
  private void minorSaysYes(String id, String phone) throws Exception {
    Stubs.converse(voz, stub, phone, "hola", "4821", "1", "1");
    assertThat(status(id, "c2")).isEqualTo("pending_representative");
    assertThat(status(id, "c3")).isEqualTo("pending_representative");
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

  private JsonObject lastEventOf(String id, String consentId) throws Exception {
    return ledger(id).stream().filter(e -> consentId.equals(e.getString("consentId"))).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  @DisplayName("neutral PIN prompt; after the PIN each waiting grant in the consent words, no name; 1 grants and 2 "
      + "declines through the case manager's path (ledger names the representative, the case manager is alerted)")
  void confirmsAndDeclines() throws Exception {
    String phone = "+50255571001";
    String repPhone = "+50255571901";
    String id = minor(phone, repPhone);
    minorSaysYes(id, phone);

    List<String> replies = Stubs.converse(voz, stub, repPhone, "hola", REP_PIN);
    assertThat(replies.get(0)).isEqualTo(PIN_PROMPT);
    assertThat(replies.get(1)).startsWith(ASKED).contains("1. Lo apruebo").contains("2. No lo apruebo")
        .doesNotContain("María").doesNotContain("GT-").doesNotContain("representante");

    List<String> first = Stubs.converse(voz, stub, repPhone, "1");
    assertThat(first.get(0)).startsWith("Gracias. Quedó aprobado.").contains(ASKED);
    assertThat(status(id, "c2")).isEqualTo("granted");
    assertThat(status(id, "c3")).isEqualTo("pending_representative");
    JsonObject granted = lastEventOf(id, "c2");
    assertThat(granted.getString("type")).isEqualTo("consent.granted");
    assertThat(granted.getString("from")).isEqualTo("pending_representative");
    assertThat(granted.getString("actor")).isEqualTo("representative");
    assertThat(granted.getString("channel")).isEqualTo("sms");
    assertThat(granted.encode()).doesNotContain("María").doesNotContain(repPhone);
    waitFor(() -> alerts(id, "consent.granted").stream().anyMatch(a -> "c2".equals(a.getString("consentId"))),
        Duration.ofSeconds(10));
    assertThat(alerts(id, "consent.granted").get(0).encode()).doesNotContain("María").doesNotContain(repPhone);

    List<String> second = Stubs.converse(voz, stub, repPhone, "2", "MENU");
    assertThat(second.get(0)).isEqualTo("Gracias. Quedó sin aprobar.");
    assertThat(status(id, "c3")).isEqualTo("declined");
    assertThat(lastEventOf(id, "c3").getString("type")).isEqualTo("consent.declined");
    assertThat(lastEventOf(id, "c3").getString("actor")).isEqualTo("representative");
    waitFor(() -> alerts(id, "consent.declined").stream().anyMatch(a -> "c3".equals(a.getString("consentId"))),
        Duration.ofSeconds(10));
    assertThat(second.get(1)).isEqualTo("No hay nada que responder ahora.");
  }

  @Test
  @DisplayName("siblings with one representative and PIN: each one's grants in turn, never a name or case reference; a "
      + "retried webhook answers nothing twice")
  void siblingsAndRetries() throws Exception {
    String repPhone = "+50255575901";
    String one = minor("+50255575001", repPhone);
    String other = minor("+50255575002", repPhone);
    minorSaysYes(one, "+50255575001");
    minorSaysYes(other, "+50255575002");
    // the chat takes the minors in the order of their ids
    String first = one.compareTo(other) < 0 ? one : other;
    String second = first.equals(one) ? other : one;

    List<String> replies = Stubs.converse(voz, stub, repPhone, "hola", REP_PIN, "1", "1", "2");
    assertThat(replies.get(1)).startsWith(ASKED);
    assertThat(String.join("\n", replies)).doesNotContain("María").doesNotContain("GT-").doesNotContain(first)
        .doesNotContain(second);
    assertThat(status(first, "c2")).isEqualTo("granted");
    assertThat(status(first, "c3")).isEqualTo("granted");
    assertThat(status(second, "c2")).isEqualTo("declined");
    assertThat(replies.get(4)).as("the last grant still waiting").contains(ASKED);

    // the same message again (Twilio's retry): nothing answered, nothing recorded twice
    String sid = VozHarness.newSid();
    int before = Stubs.bodiesTo(stub, repPhone).size();
    assertThat(await(voz.sms(repPhone, "1", sid)).statusCode()).isEqualTo(200);
    waitFor(() -> Stubs.bodiesTo(stub, repPhone).size() > before && voz.outboxEmpty(), Duration.ofSeconds(10));
    assertThat(status(second, "c3")).isEqualTo("granted");
    int sent = Stubs.bodiesTo(stub, repPhone).size();
    long events = ledger(second).size();
    assertThat(await(voz.sms(repPhone, "1", sid)).statusCode()).isEqualTo(200);
    assertThat(Stubs.converse(voz, stub, repPhone, "MENU").get(0)).isEqualTo("No hay nada que responder ahora.");
    assertThat(Stubs.bodiesTo(stub, repPhone)).hasSize(sent + 1);
    assertThat(ledger(second)).hasSize((int) events);
  }

  @Test
  @DisplayName("wrong PINs: the survivors' texts and count, then the neutral locked text, which the right PIN does not "
      + "open; a quick exit still answers at once; a new PIN from the case manager opens it")
  void wrongPinsLock() throws Exception {
    String phone = "+50255572001";
    String repPhone = "+50255572901";
    String id = minor(phone, repPhone);
    minorSaysYes(id, phone);

    List<String> replies = Stubs.converse(voz, stub, repPhone, "hola", "1111", "1112", "1113", "1114", "1115", REP_PIN,
        "SALIR");
    assertThat(replies.get(0)).isEqualTo(PIN_PROMPT);
    assertThat(replies.subList(1, 4)).containsOnly("Ese PIN no es correcto. Intenta de nuevo.");
    assertThat(replies.get(4)).isEqualTo("Ese PIN no es correcto. Te queda un intento.");
    assertThat(replies.get(5)).isEqualTo("No podemos seguir ahora.");
    assertThat(replies.get(6)).as("the right PIN once locked").isEqualTo("No podemos seguir ahora.");
    assertThat(replies.get(7)).isEqualTo("Bueno, gracias.");
    assertThat(status(id, "c2")).isEqualTo("pending_representative");

    // the case manager sets a new representative PIN: the lock opens, the new PIN works
    JsonObject representative = new JsonObject().put("name", "María López").put("relation", "madre").put("pin", "6174")
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", repPhone)));
    var patched = await(voz.client.patch("/api/v1/survivors/" + id).bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("representative", representative)));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    List<String> after = Stubs.converse(voz, stub, repPhone, "hola", "6174");
    assertThat(after.get(0)).isEqualTo(PIN_PROMPT);
    assertThat(after.get(1)).startsWith(ASKED);
  }

  @Test
  @DisplayName("the lock raises pin.locked once to the minor's case manager (ids only, by: representative), not again "
      + "for a retried webhook or the messages after it, and the staff API lists it")
  void lockAlertsTheCaseManager() throws Exception {
    String phone = "+50255576001";
    String repPhone = "+50255576901";
    String id = minor(phone, repPhone);

    Stubs.converse(voz, stub, repPhone, "hola", "1111", "1112", "1113");
    // the locking PIN, then Twilio's retry of the same message
    String sid = VozHarness.newSid();
    int before = Stubs.bodiesTo(stub, repPhone).size();
    assertThat(await(voz.sms(repPhone, "1114", sid)).statusCode()).isEqualTo(200);
    waitFor(() -> Stubs.bodiesTo(stub, repPhone).size() > before, Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, repPhone).get(before)).isEqualTo("Ese PIN no es correcto. Te queda un intento.");
    int locking = Stubs.bodiesTo(stub, repPhone).size();
    String lockSid = VozHarness.newSid();
    assertThat(await(voz.sms(repPhone, "1115", lockSid)).statusCode()).isEqualTo(200);
    waitFor(() -> Stubs.bodiesTo(stub, repPhone).size() > locking, Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, repPhone).get(locking)).isEqualTo("No podemos seguir ahora.");
    waitFor(() -> !alerts(id, "pin.locked").isEmpty(), Duration.ofSeconds(10));
    assertThat(await(voz.sms(repPhone, "1115", lockSid)).statusCode()).isEqualTo(200);
    assertThat(Stubs.converse(voz, stub, repPhone, "1116", REP_PIN)).containsOnly("No podemos seguir ahora.");
    waitFor(voz::outboxEmpty, Duration.ofSeconds(10));

    List<JsonObject> locked = alerts(id, "pin.locked");
    assertThat(locked).hasSize(1);
    JsonObject alert = locked.get(0);
    assertThat(alert.getString("by")).isEqualTo("representative");
    assertThat(alert.getString("caseManager")).isEqualTo(cm);
    assertThat(alert.encode()).doesNotContain(repPhone).doesNotContain(phone).doesNotContain("María");

    JsonArray listed = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(cmToken).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(listed.stream().map(JsonObject.class::cast)
        .filter(a -> "pin.locked".equals(a.getString("type")) && id.equals(a.getString("survivorId"))).toList())
        .singleElement().satisfies(a -> assertThat(a.getString("id")).isEqualTo(alert.getString("id")))
        .satisfies(a -> assertThat(a.getString("by")).isEqualTo("representative"));
  }

  @Test
  @DisplayName("a quick exit ends the chat at once, and so does the minor's idle timeout: the next 1 is not an answer "
      + "but the PIN prompt again")
  void quickExit() throws Exception {
    String phone = "+50255573001";
    String repPhone = "+50255573901";
    String id = minor(phone, repPhone);
    minorSaysYes(id, phone);

    List<String> replies = Stubs.converse(voz, stub, repPhone, "SALIR", "hola", REP_PIN, "SALIR", "1");
    assertThat(replies.get(0)).isEqualTo("Bueno, gracias.");
    assertThat(replies.get(1)).isEqualTo(PIN_PROMPT);
    assertThat(replies.get(2)).startsWith(ASKED);
    assertThat(replies.get(3)).isEqualTo("Bueno, gracias.");
    assertThat(replies.get(4)).isEqualTo(PIN_PROMPT);
    assertThat(status(id, "c2")).isEqualTo("pending_representative");

    // a minor is high risk: past its idle timeout (5 minutes) the chat asks for the PIN again, the 1 answers nothing
    assertThat(Stubs.converse(voz, stub, repPhone, REP_PIN).get(0)).startsWith(ASKED);
    clock.advance(Duration.ofMinutes(6));
    assertThat(Stubs.converse(voz, stub, repPhone, "1").get(0)).isEqualTo(PIN_PROMPT);
    assertThat(status(id, "c2")).isEqualTo("pending_representative");
  }

  @Test
  @DisplayName("nothing waiting: a neutral 'nothing to answer'; a number in no index: the unknown-sender answer")
  void nothingWaitingAndStrangers() throws Exception {
    String phone = "+50255574001";
    String repPhone = "+50255574901";
    minor(phone, repPhone);

    List<String> replies = Stubs.converse(voz, stub, repPhone, "hola", REP_PIN);
    assertThat(replies.get(0)).isEqualTo(PIN_PROMPT);
    assertThat(replies.get(1)).isEqualTo("No hay nada que responder ahora.");

    List<String> stranger = Stubs.converse(voz, stub, "+50255574999", "hola");
    assertThat(stranger.get(0)).isEqualTo("Lo siento, este número no responde mensajes.");
  }
}
