package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.feedback.Answer;
import org.voz.feedback.Profile;
import org.voz.store.FeedbackStore;
import org.voz.store.Keys;

@VozTest
@DisplayName("Campaigns: creation, stored answers and suppressed results over real HTTP and Redis")
class CampaignApiTest {

  private WireMockServer stub;

  private VozHarness voz;
  private FeedbackStore store;
  private String coordinator;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
    store = new FeedbackStore(voz.redis, keys(), voz.keyring);
    coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
  }

  private Keys keys() {
    return new Keys(voz.prefix, voz.voz.config().redis().partitions());
  }

  private HttpResponse<Buffer> create(String token, JsonObject body) throws Exception {
    return await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private HttpResponse<Buffer> get(String path, String token) throws Exception {
    return await(voz.client.get(path).bearerTokenAuthentication(token).send());
  }

  private static JsonObject campaign(String id) {
    return new JsonObject().put("id", id).put("surveyId", "exit").put("startAt", "2026-01-05T15:00:00Z").put("closesAt", "2026-02-05T15:00:00Z")
        .put("cohort", new JsonObject().put("languages", new JsonArray().add("es").add("en").add("pt"))
            .put("exitedFrom", "2025-01-01"))
        .put("quietHours", new JsonObject().put("from", "21:00").put("to", "08:00"));
  }

  @Test
  @DisplayName("a coordinator creates a campaign; a case manager may not; a bad body is a 400 naming the field")
  void createCampaign() throws Exception {
    HttpResponse<Buffer> created = create(coordinator, campaign("exit-2026"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("exit-2026");
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/campaigns/exit-2026");
    assertThat(create(coordinator, campaign("exit-2026")).statusCode()).isEqualTo(409);
    String cm = await(voz.createStaff("cm-" + UUID.randomUUID().toString().substring(0, 8), "case_manager"));
    assertThat(create(cm, campaign("other")).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/campaigns/exit-2026/results", cm).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> bad = create(coordinator, campaign("x").put("surveyId", "nope"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("surveyId");
    assertThat(create(coordinator, campaign("y").put("startAt", "tomorrow")).bodyAsJsonObject().getString("field"))
        .isEqualTo("startAt");
    assertThat(get("/api/v1/campaigns/nope/results", coordinator).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> open = create(coordinator, campaign("running").put("startAt", "2026-01-05T15:00:00Z")
        .put("closesAt", "2099-01-01T00:00:00Z"));
    assertThat(open.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> early = get("/api/v1/campaigns/running/results", coordinator);
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.bodyAsJsonObject().getString("error")).isEqualTo("not_closed");
    assertThat(create(coordinator, campaign("z").put("closesAt", "2025-01-01T00:00:00Z")).bodyAsJsonObject().getString("field"))
        .isEqualTo("closesAt");
  }

  @Test
  @DisplayName("results from 45 survivors in three languages: small cells <5, no survivor id in JSON, CSV or SVG")
  void results() throws Exception {
    assertThat(create(coordinator, campaign("exit-2026")).statusCode()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    String[] languages = {"es", "en", "pt"};
    for (int i = 0; i < 45; i++) {
      String survivor = "s-" + UUID.randomUUID();
      ids.add(survivor);
      Profile profile = new Profile(languages[i % 3], i % 2 == 0 ? "shelter" : "legal", "2025-Q" + (1 + i % 4));
      boolean anonymous = i % 3 != 0;
      String rating = i < 2 ? "1" : i < 20 ? "4" : "5";
      Answer a = anonymous
          ? Answer.anonymous("exit-2026", "overall", profile, List.of(rating), null, false)
          : Answer.linked("exit-2026", "overall", survivor, profile, List.of(rating), null, false);
      assertThat(await(store.record(survivor, a))).isTrue();
      Answer text = anonymous
          ? Answer.anonymous("exit-2026", "change", profile, List.of(), "More help with papers, call me at 555-0147 " + i, true)
          : Answer.linked("exit-2026", "change", survivor, profile, List.of(), "More help with papers " + i, true);
      await(store.record(survivor, text));
    }
    // a retried delivery of an anonymous answer does not count twice
    Answer again = Answer.anonymous("exit-2026", "overall", new Profile("en", "legal", "2025-Q2"), List.of("5"), null, false);
    assertThat(await(store.record(ids.get(1), again))).isFalse();
    assertThat(await(store.hasAnswered("exit-2026", ids.get(1)))).isTrue();
    // nor does the same person answering the same question again, linked this time
    assertThat(await(store.record(ids.get(1), Answer.linked("exit-2026", "overall", ids.get(1), new Profile("en", "legal", "2025-Q2"),
        List.of("5"), null, false)))).isFalse();
    // a linked answer may be changed (a resumed survey): stored (found below), though not new
    assertThat(await(store.record(ids.get(0), Answer.linked("exit-2026", "overall", ids.get(0), new Profile("es", "shelter", "2025-Q1"),
        List.of("1"), null, false)))).isFalse();
    assertThat(await(store.hasAnswered("exit-2026", "s-never"))).isFalse();
    // a survivor's copy of the file finds their linked answers, never an anonymous one
    assertThat(await(store.linkedAnswers("exit-2026", ids.get(0), List.of("overall", "respected"))))
        .singleElement().satisfies(a -> assertThat(a.values()).containsExactly("1"));
    assertThat(await(store.linkedAnswers("exit-2026", ids.get(1), List.of("overall", "respected")))).isEmpty();

    HttpResponse<Buffer> json = get("/api/v1/campaigns/exit-2026/results", coordinator);
    assertThat(json.statusCode()).isEqualTo(200);
    JsonObject overall = json.bodyAsJsonObject().getJsonArray("questions").getJsonObject(0);
    assertThat(overall.getString("id")).isEqualTo("overall");
    assertThat(overall.getInteger("total")).isEqualTo(45);
    JsonObject one = overall.getJsonArray("cells").getJsonObject(0);
    assertThat(one.getString("display")).isEqualTo("<5");
    assertThat(one.getValue("count")).isNull();
    assertThat(overall.getValue("mean")).isNull();
    JsonObject change = json.bodyAsJsonObject().getJsonArray("questions").getJsonObject(4);
    assertThat(change.getJsonArray("texts").size()).isEqualTo(45);
    assertThat(change.getJsonArray("texts").encode()).doesNotContain("0147");

    HttpResponse<Buffer> csv = get("/api/v1/campaigns/exit-2026/results.csv", coordinator);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString()).contains("overall,rating,1,<5,45,");
    HttpResponse<Buffer> svg = get("/api/v1/campaigns/exit-2026/questions/overall/chart.svg", coordinator);
    assertThat(svg.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(svg.bodyAsString()).startsWith("<svg").contains("url(#hatch)");
    assertThat(get("/api/v1/campaigns/exit-2026/questions/nope/chart.svg", coordinator).statusCode()).isEqualTo(404);

    // after the first reading the answer set is frozen: a late answer is refused and changes nothing
    assertThat(await(store.record("s-late", Answer.anonymous("exit-2026", "overall", new Profile("es", "shelter", "2025-Q1"),
        List.of("1"), null, false)))).isFalse();
    assertThat(get("/api/v1/campaigns/exit-2026/results", coordinator).bodyAsString()).isEqualTo(json.bodyAsString());
    HttpResponse<Buffer> filtered = get("/api/v1/campaigns/exit-2026/results?language=es", coordinator);
    assertThat(filtered.bodyAsJsonObject().getJsonObject("filter").getString("language")).isEqualTo("es");
    for (String body : List.of(json.bodyAsString(), csv.bodyAsString(), svg.bodyAsString(), filtered.bodyAsString())) {
      for (String id : ids) {
        assertThat(body).doesNotContain(id);
      }
    }
  }

  @Test
  @DisplayName("an anonymous answer has no link to its survivor anywhere in Redis")
  void anonymousUnlinked() throws Exception {
    String survivor = "s-" + UUID.randomUUID();
    Answer a = Answer.anonymous("exit-2026", "overall", new Profile("es", "shelter", "2025-Q3"), List.of("2"), null, false);
    assertThat(await(store.record(survivor, a))).isTrue();
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = await(voz.redis.future(voz.redis.commands().scan(cursor, ScanArgs.Builder.matches(voz.prefix + ":*").limit(500))));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    assertThat(keys).noneMatch(k -> k.contains(survivor));
    assertThat(keys).noneMatch(k -> k.contains(":{" + keys().partitionOf(survivor) + "}:") && k.contains(":fb:"));
    Set<String> anon = await(voz.redis.future(voz.redis.commands().smembers(voz.prefix + ":fb:{exit-2026}:anon")));
    assertThat(anon).hasSize(1);
    String opened = voz.keyring.open(org.voz.store.Aad.answer("exit-2026"), anon.iterator().next());
    assertThat(opened).doesNotContain(survivor);
    assertThat(new JsonObject(opened).getValue("survivorId")).isNull();
    assertThat(opened).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
    Set<String> answered = await(voz.redis.future(voz.redis.commands().smembers(voz.prefix + ":fb:{exit-2026}:answered")));
    assertThat(answered).hasSize(1).noneMatch(m -> m.contains(survivor));
    assertThat(await(store.hasAnswered("exit-2026", survivor))).isTrue();
  }
}
