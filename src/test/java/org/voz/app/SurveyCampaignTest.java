package org.voz.app;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.voz.service.inbound.Escalations;
import org.voz.service.inbound.FeedbackEffects;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.AlertSender;

@VozTest
@VozClock(SurveyCampaignTest.NOON_TEXT)
@VozConfig({"feedback.safeguarding.webhookUrl=" + VozConfig.WIREMOCK + "/safeguarding",
    "feedback.safeguarding.webhookSecret=" + SurveyCampaignTest.LEAD_SECRET, "feedback.invitations.every=PT1H",
    "feedback.invitations.perSecond=1000"})
@DisplayName("A feedback campaign end to end: fan-out through the outbox, surveys by SMS, escalation, results, anonymity in Redis")
class SurveyCampaignTest {

  static final String LEAD_SECRET = "safeguarding-lead-secret";
  static final String NOON_TEXT = "2026-12-01T12:00:00Z"; // the clock's start (@VozClock)
  private static final Instant NOON = Instant.parse(NOON_TEXT);
  private static final String[] LANGUAGES = {"es", "en", "pt"};

  private WireMockServer stub;

  private MutableClock clock;
  private VozHarness voz;
  private String coordinator;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    stub.stubFor(post(urlPathEqualTo("/safeguarding")).willReturn(aResponse().withStatus(204)));
    coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
  }

  private String enrol(String phone, String language, boolean accepts) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-2026-" + phone.substring(phone.length() - 4))
            .put("language", language).put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821")
            .put("feedback", new JsonObject().put("acceptsRequests", accepts).put("programme", "shelter")
                .put("exitedOn", "2026-06-30"))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private void say(String phone, String text) throws Exception {
    assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
  }

  private JsonObject getJson(String path) throws Exception {
    var response = await(voz.client.get(path).bearerTokenAuthentication(coordinator).send());
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("50 survivors in es, en and pt: invited through the outbox, every question type answered, a complaint "
      + "and a threat escalated to the safeguarding lead only, results suppressed, an anonymous answer unlinked in Redis")
  void campaignOfFifty() throws Exception {
    List<String> phones = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String phone = String.format("+1555010%04d", i);
      phones.add(phone);
      ids.add(enrol(phone, LANGUAGES[i % 3], true));
    }
    String notAsked = "+15550209999";
    enrol(notAsked, "es", false);
    String optedOut = "+15550208888";
    enrol(optedOut, "en", true);
    say(optedOut, "STOP");

    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "exit-2026").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())
            .put("cohort", new JsonObject().put("languages", new JsonArray().add("es").add("en").add("pt")))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(50);
    assertThat(await(voz.voz.campaignFanout().run())).as("a second pass invites nobody twice").isZero();
    clock.advance(Duration.ofSeconds(1)); // past the 50 send slots (1 ms apart at 1000 per second)
    eventually(Duration.ofSeconds(20), () -> phones.stream().allMatch(p -> Stubs.bodiesTo(stub, p).size() == 1));
    assertThat(Stubs.bodiesTo(stub, phones.get(0))).containsExactly("Tienes un mensaje nuevo. Responde con tu PIN para leerlo.");
    assertThat(Stubs.bodiesTo(stub, phones.get(1))).containsExactly("You have a new message. Reply with your PIN to read it.");
    assertThat(Stubs.bodiesTo(stub, notAsked)).isEmpty();
    assertThat(Stubs.bodiesTo(stub, optedOut)).hasSize(1); // the STOP confirmation only
    eventually(Duration.ofSeconds(10), () -> progress().getLong("delivered") == 50);
    assertThat(progress().getLong("invited")).isEqualTo(50);

    for (int i = 0; i < 50; i++) {
      answerSurvey(i, phones.get(i));
    }
    JsonObject counts = progress();
    assertThat(counts.getLong("started")).isEqualTo(50);
    assertThat(counts.getLong("completed")).isEqualTo(50);
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, phones.get(49)).size() >= 14);
    List<String> resumed = Stubs.bodiesTo(stub, phones.get(49));
    assertThat(resumed.get(7)).as("after MENU, the menu").startsWith("What would you like to do?");
    assertThat(resumed.get(10)).as("resumed where they stopped: " + resumed).startsWith("What helped you most?");

    // escalations: to the lead's webhook, signed with its own secret; none to the case managers' webhook
    eventually(Duration.ofSeconds(10), () -> stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding"))).size() >= 2);
    List<JsonObject> escalations = new ArrayList<>();
    for (LoggedRequest r : stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding")))) {
      assertThat(r.getHeader("X-Voz-Signature"))
          .isEqualTo("sha256=" + AlertSender.sign(LEAD_SECRET, r.getBodyAsString().getBytes(StandardCharsets.UTF_8)));
      escalations.add(new JsonObject(r.getBodyAsString()));
    }
    assertThat(escalations).hasSize(2).allMatch(e -> e.getString("type").equals("feedback.escalated"));
    JsonObject complaint = escalations.stream().filter(e -> e.getString("reason").equals("complaint")).findFirst().orElseThrow();
    assertThat(complaint.getString("survivorId")).as("a linked answer names its survivor").isEqualTo(ids.get(7));
    JsonObject threat = escalations.stream().filter(e -> e.getString("reason").equals("safeguarding_terms")).findFirst().orElseThrow();
    assertThat(threat.getBoolean("anonymous")).isTrue();
    assertThat(threat.getString("text")).contains("threatened me");
    assertThat(threat.encode()).doesNotContain(ids.get(10)).doesNotContain(phones.get(10)).doesNotContain("caseRef");
    assertThat(stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))))
        .noneMatch(r -> r.getBodyAsString().contains("feedback.escalated"));

    // the co-design opt-in (#1, #11, ...) is a consent like any other: listed, granted, alerted, in the ledger
    var consents = await(voz.client.get("/api/v1/survivors/" + ids.get(11) + "/consents")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("consents");
    assertThat(consents.stream().map(JsonObject.class::cast)).anySatisfy(c -> {
      assertThat(c.getString("recipient")).isEqualTo("co-design-team");
      assertThat(c.getString("purpose")).isEqualTo("co-design");
      assertThat(c.getString("status")).isEqualTo("granted");
    });
    eventually(Duration.ofSeconds(10), () -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> r.getBodyAsString().contains(ids.get(11)) && r.getBodyAsString().contains("co-design-team")));
    String history = await(voz.client.get("/api/v1/survivors/" + ids.get(11) + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsString();
    assertThat(history).as("the ledger keeps the text shown, with the compensation offered (pt, from config)")
        .contains("consent.granted").contains("a equipe de design terá seu contato por 12 meses. Pagamos 20 dólares por sessão de 2 horas");

    // accepted in the chat, it ends after feedback.codesign.term (365 days) like a consent given to staff: the
    // commit that added it indexed it for expiry (this survivor had no consent with an end before)
    assertThat(await(voz.voz.expiryJob().run())).as("not yet").isZero();
    Instant before = clock.instant();
    clock.advance(Duration.ofDays(367));
    await(voz.voz.expiryJob().run()); // also the harness's demo survivors' consents
    for (int i = 0; i < 50; i++) {
      var held = await(voz.client.get("/api/v1/survivors/" + ids.get(i) + "/consents")
          .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("consents");
      assertThat(held.stream().map(JsonObject.class::cast).map(c -> c.getString("purpose") + ":" + c.getString("status")))
          .as("survivor %d", i).containsExactlyElementsOf(i % 10 == 1 ? List.of("co-design:expired") : List.of());
    }
    clock.set(before);

    // results once closed: every survivor counted, small cells suppressed
    clock.advance(Duration.ofDays(11));
    JsonObject results = getJson("/api/v1/campaigns/exit-2026/results");
    JsonObject overall = results.getJsonArray("questions").getJsonObject(0);
    assertThat(overall.getString("id")).isEqualTo("overall");
    assertThat(overall.getInteger("total")).isEqualTo(50);
    JsonObject respected = results.getJsonArray("questions").getJsonObject(1);
    assertThat(respected.getInteger("total")).isEqualTo(50);
    for (String id : ids) {
      assertThat(results.encode()).doesNotContain(id);
    }
    assertThat(results.encode()).doesNotContain("threatened");

    anonymousAnswerHasNoLink(ids.get(10), phones.get(10), "tok10");

    // closing the loop: everyone who answered with their name hears what changed, after their PIN (the phone gets the
    // neutral nudge only); anonymous answerers never do
    clock.set(NOON.plus(Duration.ofDays(12)));
    // ...but not a record locked by wrong PINs since: whoever holds that phone now may not be the survivor
    String locked = phones.get(3);
    say(locked, "hola");
    for (int i = 0; i < 5; i++) {
      say(locked, "000" + i);
    }
    var published = await(voz.client.post("/api/v1/campaigns/exit-2026/updates").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("text", new JsonObject()
            .put("es", "Gracias: ahora abrimos tambien los sabados.").put("en", "Thank you: we now open on Saturdays too.")
            .put("pt", "Obrigado: agora abrimos tambem aos sabados."))));
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(202);
    // the 25 odd ones answered with their name (answerSurvey), #3 among them locked since
    assertThat(published.bodyAsJsonObject().getInteger("queued")).isEqualTo(24);
    List<String> nudges = List.of("Tienes un mensaje nuevo. Responde con tu PIN para leerlo.",
        "You have a new message. Reply with your PIN to read it.", "Você tem uma mensagem nova. Responda com seu PIN para ler.");
    // a linked answerer's phone gets a second nudge (the first was the invitation's), in their language
    eventually(Duration.ofSeconds(20), () -> {
      for (int i = 1; i < 50; i += 2) {
        String nudge = nudges.get(i % 3);
        if (i != 3 && Stubs.bodiesTo(stub, phones.get(i)).stream().filter(nudge::equals).count() != 2) {
          return false;
        }
      }
      return true;
    });
    for (int i = 0; i < 50; i += 2) {
      assertThat(Stubs.bodiesTo(stub, phones.get(i))).as("anonymous answerer %d: the invitation's nudge only", i)
          .filteredOn(nudges::contains).hasSize(1);
    }
    assertThat(Stubs.bodiesTo(stub, locked)).filteredOn(nudges::contains).hasSize(1);
    for (String phone : phones) {
      assertThat(Stubs.bodiesTo(stub, phone)).as("the update's text on no phone before the PIN")
          .noneMatch(b -> b.contains("Saturdays") || b.contains("sabados"));
    }
    // after the PIN, the text in their language
    say(phones.get(1), "4821");
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, phones.get(1)).stream()
        .anyMatch(b -> b.contains("Thank you: we now open on Saturdays too.")));
    assertThat(Stubs.bodiesTo(stub, notAsked)).isEmpty();
  }

  @Test
  @DisplayName("nobody is invited inside the campaign's quiet hours (their own time zone); a later pass invites them")
  void quietHours() throws Exception {
    String phone = "+15550307777";
    enrol(phone, "es", true);
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "quiet").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())
            .put("quietHours", new JsonObject().put("from", "11:00").put("to", "13:00"))));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isZero();
    clock.advance(Duration.ofMinutes(90));
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(1);
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, phone).size() == 1);
    assertThat(await(voz.voz.campaignFanout().run())).isZero();
  }

  @Test
  @DisplayName("a sensitive answer written again (a retried webhook, a re-run after a conflict) is escalated once; "
      + "one stored before its escalation failed is escalated on the retry")
  void escalationOncePerAnswer() throws Exception {
    String id = enrol("+15550406666", "en", true);
    Config config = voz.voz.config();
    org.voz.store.Keys keys = new org.voz.store.Keys(config.redis().prefix(), config.redis().partitions());
    org.voz.store.FeedbackStore store = new org.voz.store.FeedbackStore(voz.redis, keys, voz.keyring);
    FeedbackEffects effects = new FeedbackEffects(store,
        new Escalations(new org.voz.store.SessionStore(voz.redis, keys, config.dedupe().ttl()), keys, voz.keyring,
            config.feedback().safeguarding().matcher(), clock, config.alerts().giveUpAfter(), p -> { }),
        new org.voz.store.CampaignProgress(voz.redis, keys, voz.keyring));
    org.voz.consent.Survivor survivor = await(new org.voz.store.SurvivorRepository(voz.redis, keys, voz.keyring)
        .find(id)).orElseThrow();
    org.voz.feedback.Profile profile = new org.voz.feedback.Profile("en", null, null);

    var complaint = new org.voz.conversation.Effect.FeedbackAnswered(org.voz.feedback.Answer.linked(
        "exit-2026", "respected", id, profile, List.of(org.voz.feedback.Safeguarding.COMPLAINT), null, false));
    await(effects.write(survivor, List.of(complaint)));
    await(effects.write(survivor, List.of(complaint)));

    var threat = org.voz.feedback.Answer.anonymous("exit-2026", "better", profile, List.of(),
        "Someone on the staff threatened me", false);
    await(store.record(id, threat)); // stored, then the escalation was lost (a crash, a Redis error)
    await(effects.write(survivor, List.of(new org.voz.conversation.Effect.FeedbackAnswered(threat))));
    await(effects.write(survivor, List.of(new org.voz.conversation.Effect.FeedbackAnswered(threat))));

    eventually(Duration.ofSeconds(10), () -> stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding"))).size() >= 2);
    // one copy each: over several sweeps no second copy may go out
    holdsFor(Duration.ofSeconds(1), () -> stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding"))).size() == 2);
    List<String> reasons = stub.findAll(postRequestedFor(urlPathEqualTo("/safeguarding"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()).getString("reason")).toList();
    assertThat(reasons).containsExactlyInAnyOrder("complaint", "safeguarding_terms");
  }

  @Test
  @DisplayName("a survey message re-run after a conflict (another change got there first) counts started and completed once")
  void countersOnceAfterConflicts() throws Exception {
    String phone = "+15550405555";
    String id = enrol(phone, "en", true);
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "exit-2026").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(1);
    Config config = voz.voz.config();
    org.voz.store.Keys keys = new org.voz.store.Keys(config.redis().prefix(), config.redis().partitions());
    String session = keys.session(keys.partitionOf(id), id);
    for (String text : List.of("4821", "1", "2", "1", "2", "1", "2", "1 3", "Longer opening hours", "2")) {
      // as if another instance had committed a change: this instance's cached version is stale, so its commit
      // answers CONFLICT and the engine runs again on the state that won
      await(voz.redis.future(voz.redis.commands().hincrby(session, "v", 1)));
      say(phone, text);
    }
    JsonObject counts = progress();
    assertThat(counts.getLong("started")).isEqualTo(1);
    assertThat(counts.getLong("completed")).isEqualTo(1);
  }

  @Test
  @DisplayName("a survivor whose invitation failed is invited by a later pass; an id without a record, or one outside "
      + "the cohort during quiet hours, does not keep the fan-out open")
  void fanoutFailuresAndQuietHours() throws Exception {
    String ok = "+15550404444";
    String failing = "+15550403333";
    enrol(ok, "es", true);
    String failingId = enrol(failing, "es", true);
    enrol("+15550402222", "en", true); // outside the cohort (es only)
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "exit-2026").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())
            .put("cohort", new JsonObject().put("languages", new JsonArray().add("es")))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    Config config = voz.voz.config();
    org.voz.store.Keys keys = new org.voz.store.Keys(config.redis().prefix(), config.redis().partitions());
    String session = keys.session(keys.partitionOf(failingId), failingId);
    var c = voz.redis.commands();
    String record = await(voz.redis.future(c.hget(session, "record")));
    await(voz.redis.future(c.hset(session, "record", "not-a-sealed-record"))); // its invitation fails
    // listed before an enrolment commit that then failed: no record, skipped, not a failure
    await(voz.redis.future(c.sadd(keys.global("fb", "cohort"), "s-enrolment-failed")));

    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(1);
    await(voz.redis.future(c.hset(session, "record", record)));
    assertThat(await(voz.voz.campaignFanout().run())).as("the failed one, on the next pass").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1)); // past its send slot, the one after the first pass's
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, failing).size() == 1);
    String fanout = keys.global("fb", "{exit-2026}", "fanout");
    assertThat(await(voz.redis.future(c.get(fanout)))).isEqualTo("done");

    // a second campaign in its quiet hours: nobody is in its cohort (pt only), so it is done at once
    created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "quiet").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())
            .put("cohort", new JsonObject().put("languages", new JsonArray().add("pt")))
            .put("quietHours", new JsonObject().put("from", "11:00").put("to", "13:00"))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isZero();
    assertThat(await(voz.redis.future(c.get(keys.global("fb", "{quiet}", "fanout"))))).isEqualTo("done");
  }

  @Test
  @DisplayName("once its campaign has closed, a survey is no longer offered after the PIN")
  void closedCampaignNotOffered() throws Exception {
    String phone = "+15550401111";
    enrol(phone, "en", true);
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "exit-2026").put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(1)).toString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(1);
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, phone).size() == 1);
    clock.advance(Duration.ofDays(2));
    say(phone, "hola");
    say(phone, "4821");
    eventually(Duration.ofSeconds(10), () -> Stubs.bodiesTo(stub, phone).size() >= 3);
    List<String> bodies = Stubs.bodiesTo(stub, phone);
    assertThat(bodies.get(bodies.size() - 1)).as("the menu, not the survey").startsWith("What would you like to do?");
  }

  private JsonObject progress() {
    try {
      return getJson("/api/v1/campaigns/exit-2026").getJsonObject("progress");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Survivor {@code i}: even ones answer anonymously, odd ones linked; #7 makes a complaint; #10 (anonymous,
   * English) writes that staff threatened them; #49 stops at MENU half way and resumes in a later conversation.
   */
  private void answerSurvey(int i, String phone) throws Exception {
    say(phone, "4821");
    say(phone, "1");
    say(phone, i % 2 == 0 ? "1" : "2");
    say(phone, "1");
    say(phone, String.valueOf(1 + i % 5));
    say(phone, i % 4 == 0 ? "0" : i % 3 == 0 ? "2" : "1");
    if (i == 49) { // the last, so that the others' nudged conversations do not time out meanwhile
      say(phone, "MENU");
      clock.advance(Duration.ofMinutes(20));
      say(phone, "hola");
      say(phone, "4821");
      say(phone, "1");
    }
    say(phone, i == 7 ? "6" : String.valueOf(1 + i % 5));
    say(phone, "1 3");
    say(phone, i == 10 ? "Someone on the staff threatened me tok10" : "Longer opening hours tok" + i);
    say(phone, i % 10 == 1 ? "1" : "2");
  }

  /** Every key and value under the prefix, values opened where sealed: the anonymous answer leads to nobody. */
  private void anonymousAnswerHasNoLink(String survivorId, String phone, String token) throws Exception {
    Map<String, List<String>> all = dump();
    List<String> holding = new ArrayList<>();
    all.forEach((key, values) -> {
      assertThat(key).doesNotContain(token);
      values.stream().filter(v -> v.contains(token)).forEach(v -> {
        holding.add(key);
        assertThat(v).as("a value holding the anonymous answer, in " + key).doesNotContain(survivorId).doesNotContain(phone);
      });
    });
    assertThat(holding).as("the anonymous text is only in the campaign's answers (and their frozen copy for results)")
        .containsOnly(voz.prefix + ":fb:{exit-2026}:anon", voz.prefix + ":fb:{exit-2026}:released");
    List<String> anon = all.get(voz.prefix + ":fb:{exit-2026}:anon");
    assertThat(anon).allSatisfy(v -> assertThat(new JsonObject(v).getValue("survivorId")).isNull());
    // the survivor's own keys (session, record, ledger) hold no answer of theirs
    all.entrySet().stream().filter(e -> e.getKey().contains(survivorId)).flatMap(e -> e.getValue().stream())
        .forEach(v -> assertThat(v).doesNotContain(token).doesNotContain("threatened"));
  }

  private Map<String, List<String>> dump() throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    for (var v : org.voz.testing.RedisDump.all(voz.redis, new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions()), voz::open)) {
      out.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v.opened());
    }
    return out;
  }

}
