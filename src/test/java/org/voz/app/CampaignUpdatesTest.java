package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozConfig({"feedback.invitations.perSecond=1000", "feedback.updates.perCampaign=2"})
@DisplayName("Closing the loop: the phone gets the neutral nudge, the text is read once after the PIN; only the campaign's "
    + "creator or an admin, once per text, no links or numbers, never for an anonymous answerer")
class CampaignUpdatesTest {

  private static final String THANKS = "Gracias: ahora abrimos los sabados.";
  /** The nudge every message Voz writes first is (conversations/system.yaml, nudge, es). */
  private static final String NUDGE = "Tienes un mensaje nuevo. Responde con tu PIN para leerlo.";

  private WireMockServer stub;
  private VozHarness voz;
  private String owner;
  private String other;
  private final String linkedPhone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
  private final String anonymousPhone = "+1556" + (1_000_000 + (int) (Math.random() * 8_999_999));

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
    owner = await(voz.createStaff("co-own-" + UUID.randomUUID().toString().substring(0, 6), "coordinator"));
    other = await(voz.createStaff("co-oth-" + UUID.randomUUID().toString().substring(0, 6), "coordinator"));
    enrol(linkedPhone);
    enrol(anonymousPhone);
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(owner)
        .sendJsonObject(new JsonObject().put("id", "exit-loop").put("surveyId", "exit")
            .put("startAt", Instant.now().minusSeconds(60).toString())
            .put("closesAt", Instant.now().plus(Duration.ofDays(10)).toString())
            .put("quietHours", new JsonObject().put("from", "00:00").put("to", "00:00")))); // never quiet
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(2);
    waitFor(() -> Stubs.bodiesTo(stub, linkedPhone).size() == 1 && Stubs.bodiesTo(stub, anonymousPhone).size() == 1,
        Duration.ofSeconds(10));
    answer(linkedPhone, "2"); // with my name, so they can reply
    answer(anonymousPhone, "1"); // anonymous
  }

  private void enrol(String phone) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-LOOP").put("language", "es").put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821").put("feedback", new JsonObject().put("acceptsRequests", true))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /**
   * The PIN, yes to the survey, the mode, may show comments, the first question answered, and the conversation left
   * (the exit word): no longer in the middle of one, so that Voz may write first.
   */
  private void answer(String phone, String mode) throws Exception {
    int before = Stubs.bodiesTo(stub, phone).size();
    for (String text : List.of("4821", "1", mode, "1", "4", "salir")) {
      send(phone, text);
    }
    waitFor(() -> Stubs.bodiesTo(stub, phone).size() >= before + 6
        && Stubs.bodiesTo(stub, phone).get(Stubs.bodiesTo(stub, phone).size() - 1).equals("Bueno, gracias."),
        Duration.ofSeconds(10));
  }

  private void send(String phone, String text) throws Exception {
    assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
  }

  /** Parts as the survivor reads them, one after another (a long reply is cut into parts between words). */
  private static String joined(List<String> parts) {
    return String.join(" ", parts).replaceAll("\\s+", " ");
  }

  /** How many times the survivor's phone was sent {@code text}, within a part or across two. */
  private long times(String phone, String text) {
    String all = joined(Stubs.bodiesTo(stub, phone));
    long n = 0;
    for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
      n++;
    }
    return n;
  }

  /** A reply that ends asking: the survey's offer, the menu, or the offer of a person after a quick exit (es). */
  private static boolean asks(String all) {
    return all.endsWith("2. Más tarde") || all.endsWith("8. Salir") || all.endsWith("2. Ahora no");
  }

  /** What the survivor's phone is sent next after {@code text} (every part of the reply), once {@code done} says so. */
  private List<String> reply(String phone, String text, java.util.function.Predicate<String> done) throws Exception {
    int before = Stubs.bodiesTo(stub, phone).size();
    send(phone, text);
    waitFor(() -> {
      List<String> bodies = Stubs.bodiesTo(stub, phone);
      return bodies.size() > before && done.test(String.join("\n", bodies.subList(before, bodies.size())));
    }, Duration.ofSeconds(10));
    List<String> bodies = Stubs.bodiesTo(stub, phone);
    return bodies.subList(before, bodies.size());
  }

  private HttpResponse<Buffer> publish(String token, JsonObject body) throws Exception {
    return await(voz.client.post("/api/v1/campaigns/exit-loop/updates").bearerTokenAuthentication(token)
        .sendJsonObject(body));
  }

  private static JsonObject text(String es) {
    return new JsonObject().put("text", new JsonObject().put("es", es));
  }

  private long received(String phone, String text) {
    return Stubs.bodiesTo(stub, phone).stream().filter(text::equals).count();
  }

  @Test
  @DisplayName("another coordinator cannot publish on the campaign (403) and nobody is texted")
  void onlyTheCreator() throws Exception {
    int before = Stubs.bodiesTo(stub, linkedPhone).size();
    HttpResponse<Buffer> refused = publish(other, text(THANKS));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    holdsFor(Duration.ofMillis(500), () -> Stubs.bodiesTo(stub, linkedPhone).size() == before);
    assertThat(publish(VozHarness.ADMIN, text(THANKS)).statusCode()).as("an admin may").isEqualTo(202);
    waitFor(() -> Stubs.bodiesTo(stub, linkedPhone).size() == before + 1, Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("the SMS Twilio is asked to send is the neutral nudge, never the text; the PIN shows the text once, in the "
      + "survivor's language")
  void nudgeThenTextAfterThePin() throws Exception {
    int before = Stubs.bodiesTo(stub, linkedPhone).size();
    JsonObject body = new JsonObject().put("text", new JsonObject().put("en", "Thank you: we now open on Saturdays.")
        .put("es", THANKS));
    HttpResponse<Buffer> published = publish(owner, body);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(202);
    assertThat(published.bodyAsJsonObject().getInteger("queued")).isEqualTo(1);

    waitFor(() -> Stubs.bodiesTo(stub, linkedPhone).size() == before + 1, Duration.ofSeconds(10));
    holdsFor(Duration.ofMillis(300), () -> Stubs.bodiesTo(stub, linkedPhone).size() == before + 1);
    String sent = Stubs.bodiesTo(stub, linkedPhone).get(before);
    assertThat(sent).as("the body sent to Twilio").isEqualTo(NUDGE).doesNotContain("sabados").doesNotContain("Saturdays");
    assertThat(PrivacyAndAlertsTest.dump(voz.redis.commands(), voz.prefix + ":*")).as("kept sealed in Redis")
        .doesNotContain("sabados").doesNotContain("Saturdays");

    // before the PIN nothing of it: a word that is no PIN gets the PIN prompt again
    assertThat(reply(linkedPhone, "hola", all -> all.endsWith("Responde con tu PIN para seguir.")))
        .noneMatch(b -> b.contains("sabados"));
    // after the PIN, in Spanish (the survivor's language, though English was given first), then the offer of a
    // person (the survivor left by the exit word last time: the nudge's conversation is the next one)
    String afterPin = joined(reply(linkedPhone, "4821", CampaignUpdatesTest::asks));
    assertThat(afterPin).contains("Un mensaje sobre las preguntas que respondiste: " + THANKS,
        "¿Quieres hablar con una persona?").doesNotContain("Saturdays");
    // once: MENU, and another conversation after the PIN, say it no more
    assertThat(reply(linkedPhone, "menú", CampaignUpdatesTest::asks)).noneMatch(b -> b.contains("sabados"));
    reply(linkedPhone, "salir", all -> all.equals("Bueno, gracias."));
    reply(linkedPhone, "hola", all -> all.endsWith("Responde con tu PIN para seguir."));
    assertThat(reply(linkedPhone, "4821", CampaignUpdatesTest::asks)).noneMatch(b -> b.contains("sabados"));
    assertThat(times(linkedPhone, THANKS)).isEqualTo(1);
    assertThat(Stubs.bodiesTo(stub, anonymousPhone)).noneMatch(b -> b.contains("sabados"));
  }

  @Test
  @DisplayName("in the middle of a conversation: no nudge; the text is said at the survivor's next pass by the menu")
  void inTheMiddleOfAConversation() throws Exception {
    reply(linkedPhone, "hola", all -> all.endsWith("Responde con tu PIN para seguir."));
    reply(linkedPhone, "4821", all -> all.endsWith("2. Ahora no")); // back after the exit word: a person?
    reply(linkedPhone, "2", all -> all.endsWith("2. Más tarde")); // not now: the survey's offer
    reply(linkedPhone, "2", all -> all.endsWith("8. Salir")); // later: the menu
    int before = Stubs.bodiesTo(stub, linkedPhone).size();
    assertThat(publish(owner, text(THANKS)).statusCode()).isEqualTo(202);
    holdsFor(Duration.ofMillis(500), () -> Stubs.bodiesTo(stub, linkedPhone).size() == before);
    String menu = joined(reply(linkedPhone, "menú", all -> all.endsWith("8. Salir")));
    assertThat(menu).contains(THANKS, "¿Qué quieres hacer?");
    assertThat(Stubs.bodiesTo(stub, linkedPhone).subList(before, Stubs.bodiesTo(stub, linkedPhone).size()))
        .noneMatch(NUDGE::equals);
    assertThat(times(linkedPhone, THANKS)).isEqualTo(1);
  }

  @Test
  @DisplayName("the linked answerer gets the update once, however often it is posted; the anonymous one never")
  void oncePerTextLinkedOnly() throws Exception {
    HttpResponse<Buffer> first = publish(owner, text(THANKS));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    assertThat(first.bodyAsJsonObject().getInteger("queued")).isEqualTo(1);
    HttpResponse<Buffer> again = publish(owner, text(THANKS));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
    assertThat(again.bodyAsJsonObject().getInteger("queued")).isZero();
    assertThat(publish(VozHarness.ADMIN, text(THANKS)).statusCode()).as("whoever posts it again").isEqualTo(200);

    waitFor(() -> received(linkedPhone, NUDGE) == 2, Duration.ofSeconds(10)); // the invitation's, and this one's
    holdsFor(Duration.ofMillis(300), () -> received(linkedPhone, NUDGE) == 2);

    // a post that died while sending leaves its claim to expire: the next one goes on, and reaches nobody twice
    String claim = voz.prefix + ":fb:{exit-loop}:update:" + first.bodyAsJsonObject().getString("updateId");
    assertThat(await(voz.redis.future(voz.redis.commands().del(claim)))).isEqualTo(1L);
    HttpResponse<Buffer> resumed = publish(owner, text(THANKS));
    assertThat(resumed.statusCode()).isEqualTo(202);
    assertThat(resumed.bodyAsJsonObject().getInteger("queued")).as("kept for them already").isZero();
    holdsFor(Duration.ofMillis(500), () -> received(linkedPhone, NUDGE) == 2);
    reply(linkedPhone, "hola", all -> all.endsWith("Responde con tu PIN para seguir."));
    assertThat(joined(reply(linkedPhone, "4821", CampaignUpdatesTest::asks))).contains(THANKS);
    assertThat(times(linkedPhone, THANKS)).isEqualTo(1);
    assertThat(Stubs.bodiesTo(stub, anonymousPhone)).noneMatch(b -> b.contains("sabados"))
        .as("the invitation's nudge only").filteredOn(NUDGE::equals).hasSize(1);
  }

  @Test
  @DisplayName("a link or a phone number is a 400 naming the text's language; an admin may allow them, a coordinator may not")
  void noLinksOrNumbers() throws Exception {
    for (String bad : List.of("Mas en https://voz-ayuda.example/x", "Visita www.ayuda.org", "Escribe a ayuda.gt/form",
        "Llama al +502 5555-0147", "Llama al (502) 5555 0147")) {
      HttpResponse<Buffer> refused = publish(owner, text(bad));
      assertThat(refused.statusCode()).as(bad + " " + refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("text.es");
    }
    assertThat(publish(owner, text("Abrimos del 01/12/2026 al 15/12/2026, 08:00-20:00.")).statusCode())
        .as("dates and hours are not phone numbers").isEqualTo(202);
    JsonObject allowed = text("Llama al +502 5555-0147").put("allowLinks", true);
    assertThat(publish(owner, allowed).statusCode()).isEqualTo(403);
    assertThat(publish(VozHarness.ADMIN, allowed).statusCode()).isEqualTo(202);
    String afterPin = joined(reply(linkedPhone, "4821", CampaignUpdatesTest::asks));
    assertThat(afterPin).contains("Abrimos del 01/12/2026 al 15/12/2026, 08:00-20:00.", "Llama al +502 5555-0147");
    assertThat(times(linkedPhone, "5555-0147")).isEqualTo(1);
  }

  @Test
  @DisplayName("a text may take three SMS segments now that it is read after the PIN, not four (400)")
  void threeSegments() throws Exception {
    String three = "Gracias. " + "Ahora abrimos los sabados y los domingos por la tarde. ".repeat(8);
    assertThat(three.length()).isBetween(400, 459);
    assertThat(publish(owner, text(three.strip())).statusCode()).isEqualTo(202);
    HttpResponse<Buffer> four = publish(owner, text(three + "Y hay mas camas."));
    assertThat(four.statusCode()).as(four.bodyAsString()).isEqualTo(400);
    assertThat(four.bodyAsJsonObject().getString("field")).isEqualTo("text.es");
  }

  @Test
  @DisplayName("a coordinator publishes at most feedback.updates.perCampaign different updates on a campaign (409 after)")
  void limitedUpdates() throws Exception {
    assertThat(publish(owner, text("Gracias: abrimos los sabados.")).statusCode()).isEqualTo(202);
    assertThat(publish(owner, text("Gracias: hay mas camas.")).statusCode()).isEqualTo(202);
    HttpResponse<Buffer> third = publish(owner, text("Gracias: hay mas personal."));
    assertThat(third.statusCode()).as(third.bodyAsString()).isEqualTo(409);
    assertThat(third.bodyAsJsonObject().getString("error")).isEqualTo("too_many_updates");
    assertThat(publish(owner, text("Gracias: abrimos los sabados.")).statusCode()).as("a repeat is still a repeat")
        .isEqualTo(200);
    assertThat(publish(VozHarness.ADMIN, text("Gracias: hay mas personal.")).statusCode()).as("an admin may").isEqualTo(202);
  }
}
