package org.voz.app;

import org.voz.service.campaigns.CampaignFanout;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voz.store.Keys;

@ExtendWith(VertxExtension.class)
@DisplayName("Campaign invitations are queued at once and sent at feedback.invitations.perSecond (outbox notBefore)")
class CampaignPacingTest {

  private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
  private static final int PER_SECOND = 4;
  private static final int COHORT = 12;

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
      .failOnUnmatchedRequests(true).build();

  private final MutableClock clock = new MutableClock(NOON);
  private VozHarness voz;
  private String coordinator;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Stubs.twilioAccepts(stub);
    Stubs.alertsAccept(stub);
    voz = await(VozHarness.start(vertx, stub.baseUrl(), clock, Map.of(
        "feedback.invitations.every", "PT1H",
        "feedback.invitations.perSecond", Integer.toString(PER_SECOND))));
    coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
  }

  @AfterEach
  void stop() {
    voz.voz.stopTimers();
  }

  private void enrol(String phone) throws Exception {
    enrol(phone, null);
  }

  private void enrol(String phone, JsonObject contactWindow) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-2026-" + phone.substring(phone.length() - 4))
            .put("language", "en").put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821")
            .put("feedback", new JsonObject().put("acceptsRequests", true).put("programme", "shelter"))
            .put("contactWindow", contactWindow)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private void campaign(String id) throws Exception {
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", id).put("surveyId", "exit")
            .put("startAt", NOON.minusSeconds(60).toString()).put("closesAt", NOON.plus(Duration.ofDays(10)).toString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  @Test
  @DisplayName("a pass queues the whole cohort at once: the first nudge goes now, the i-th not before start + i/perSecond; "
      + "a second campaign's nudge takes the slot after the first's last; the clock past the slots, every nudge is sent")
  void notBeforeSpacedAtTheRate() throws Exception {
    for (int i = 0; i < COHORT; i++) {
      enrol(String.format("+1555060%04d", i));
    }
    campaign("first");
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(COHORT);

    // the clock stands still at noon: only the first nudge (slot = now) may go out, the others wait their slot
    eventually(Duration.ofSeconds(10), () -> invitationNotBefores().size() == COHORT - 1);
    long step = 1000 / PER_SECOND;
    List<Long> expected = new ArrayList<>();
    for (int i = 1; i < COHORT; i++) {
      expected.add(NOON.toEpochMilli() + i * step);
    }
    assertThat(invitationNotBefores()).containsExactlyElementsOf(expected);
    eventually(Duration.ofSeconds(10), () -> countSentTo("+1555060") == 1);
    Thread.sleep(1000); // several sweeps: a nudge sent before its slot would have gone out by now
    assertThat(countSentTo("+1555060")).isEqualTo(1);

    // another campaign in the same instance goes on from the last slot: the pace holds over campaigns
    enrol("+15550609999");
    campaign("second");
    assertThat(await(voz.voz.campaignFanout().run())).as("the first is done; the second's cohort is all 13")
        .isEqualTo(COHORT + 1);
    // the 12 already nudged are at the PIN step (the offer comes after their PIN): one new nudge, in the next slot
    List<Long> after = invitationNotBefores();
    assertThat(after).hasSize(COHORT);
    for (int i = 1; i < after.size(); i++) {
      assertThat(after.get(i) - after.get(i - 1)).as("slot " + i).isEqualTo(step);
    }

    clock.advance(Duration.ofMinutes(1));
    eventually(Duration.ofSeconds(20), () -> countSentTo("+1555060") == COHORT + 1);
    // the last one leaves the outbox once its send is answered (acknowledged and deleted after the POST)
    eventually(Duration.ofSeconds(5), () -> invitationNotBefores().isEmpty());
    assertThat(countSentTo("+1555060")).isEqualTo(COHORT + 1);
  }

  @Test
  @DisplayName("a send slot after the survivor's contact hours close waits for them to open again")
  void slotAfterHoursWaitsForTheirHours() throws Exception {
    JsonObject untilNoon = new JsonObject().put("timezone", "UTC").put("from", "08:00").put("to", "12:00");
    for (int i = 0; i < 4; i++) {
      enrol(String.format("+1555061%04d", i), untilNoon);
    }
    clock.set(NOON.minusMillis(500)); // slots at 11:59:59.5, .75, then 12:00:00.0 and .25: after their hours
    campaign("closing");
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(4);

    Instant tomorrowAtEight = Instant.parse("2026-12-02T08:00:00Z");
    eventually(Duration.ofSeconds(10), () -> invitationNotBefores().size() == 3);
    assertThat(invitationNotBefores()).containsExactly(
        NOON.minusMillis(250).toEpochMilli(), tomorrowAtEight.toEpochMilli(), tomorrowAtEight.toEpochMilli());
  }

  private long countSentTo(String prefix) {
    return stub.findAll(postRequestedFor(urlPathMatching(Stubs.MESSAGES))).stream()
        .filter(r -> Stubs.formOf(r.getBodyAsString()).getOrDefault("To", "").startsWith(prefix)).count();
  }

  /** The notBefore of every invitation nudge waiting in the outbox (stream or retry schedule), sorted. */
  private List<Long> invitationNotBefores() {
    try {
      return waitingNotBefores();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Long> waitingNotBefores() throws Exception {
    Config config = voz.voz.config();
    Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
    var c = voz.redis.commands();
    List<Long> found = new ArrayList<>();
    for (int p = 0; p < config.redis().partitions(); p++) {
      for (StreamMessage<String, String> m : await(voz.redis.future(c.xrange(keys.outbox(p), Range.create("-", "+"))))) {
        notBefore(m.getBody(), found);
      }
      for (String member : await(voz.redis.future(c.zrange(keys.retry(p), 0, -1)))) {
        JsonArray pairs = new JsonArray(member);
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
          fields.put(pairs.getString(i), pairs.getString(i + 1));
        }
        notBefore(fields, found);
      }
    }
    found.sort(null);
    return found;
  }

  private static void notBefore(Map<String, String> fields, List<Long> found) {
    if (fields.getOrDefault("id", "").startsWith(CampaignFanout.ID_PREFIX) && fields.containsKey("notBefore")) {
      found.add(Long.parseLong(fields.get("notBefore")));
    }
  }
}
