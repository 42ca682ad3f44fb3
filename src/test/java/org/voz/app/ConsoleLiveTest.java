package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.Wait;

/** The inbox's live updates over HTTP: {@code GET /console/alerts/stream}, Server-Sent Events fed through Redis. */
@VozTest
@VozConfig({"console.passwordIterations=1000", "inbox.heartbeat=PT0.3S"})
@DisplayName("Live alerts inbox: session-authenticated Server-Sent Events, each member's own alerts, across instances")
class ConsoleLiveTest {

  private static final Duration SOON = Duration.ofSeconds(15);

  @Test
  @DisplayName("no session: 303 to the sign-in page; a coordinator: 403 (they get no alert)")
  void signedInOnly(VozHarness voz) throws Exception {
    ConsoleClient nobody = new ConsoleClient(voz);
    var refused = nobody.get("/console/alerts/stream");
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(refused.getHeader("Location")).isEqualTo("/console/sign-in");
    ConsoleClient coordinator = ConsoleClient.signedIn(voz, "co-live", "coordinator");
    try (ConsoleClient.Stream stream = coordinator.stream()) {
      assertThat(stream.status()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("a new alert arrives on its case manager's open stream (on another instance too), never on another's")
  void ownAlertsOnly(VozRoom room, VozHarness voz) throws Exception {
    VozHarness twin = room.twin();
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-live", "case_manager");
    ConsoleClient ben = ConsoleClient.signedIn(voz, "cm-ben-live", "case_manager");
    ConsoleClient.enrol(voz, "cm-ana-live", "GT-2026-0301", "+50255550301");
    ConsoleClient.enrol(voz, "cm-ben-live", "GT-2026-0302", "+50255550302");
    try (ConsoleClient.Stream anaOnTwin = ana.stream(twin); ConsoleClient.Stream benStream = ben.stream()) {
      assertThat(anaOnTwin.status()).isEqualTo(200);
      assertThat(anaOnTwin.response.getHeader("Content-Type")).startsWith("text/event-stream");
      assertThat(anaOnTwin.response.getHeader("Cache-Control")).isEqualTo("no-store");
      Wait.waitFor(() -> anaOnTwin.text().startsWith("retry: ") && benStream.text().startsWith("retry: "), SOON);

      ConsoleClient.revoke(voz, "+50255550302"); // Ben's survivor, through the first instance
      Wait.waitFor(() -> benStream.events("alert").size() == 1, SOON);
      ConsoleClient.revoke(voz, "+50255550301"); // Ana's
      Wait.waitFor(() -> anaOnTwin.events("alert").size() == 1, SOON);

      JsonObject event = anaOnTwin.events("alert").get(0);
      assertThat(event.getString("html")).contains("data-alert-id=\"" + event.getString("id") + "\"",
          "Consentimiento revocado", "GT-2026-0301", "name=\"_csrf\" value=\"" + ana.csrf + "\"",
          "action=\"/console/alerts/" + event.getString("id") + "/ack\"");
      assertThat(event.getString("announce")).isEqualTo("Nueva alerta: Consentimiento revocado, caso GT-2026-0301");
      assertThat(anaOnTwin.text()).doesNotContain("GT-2026-0302");
      Wait.holdsFor(Duration.ofMillis(500), () -> benStream.events("alert").size() == 1);
      assertThat(benStream.text()).doesNotContain("GT-2026-0301");
    }
  }

  @Test
  @DisplayName("a stream opens with the member's open alerts; an acknowledgement reaches the streams that showed it as gone")
  void openAlertsThenGone(VozHarness voz) throws Exception {
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-sync", "case_manager");
    ConsoleClient.enrol(voz, "cm-ana-sync", "GT-2026-0311", "+50255550311");
    ConsoleClient.revoke(voz, "+50255550311");
    Wait.waitFor(() -> {
      try {
        return ana.get("/console").bodyAsString().contains("GT-2026-0311");
      } catch (Exception e) {
        return false;
      }
    }, SOON);
    ConsoleClient ben = ConsoleClient.signedIn(voz, "cm-ben-sync", "case_manager");
    try (ConsoleClient.Stream first = ana.stream(); ConsoleClient.Stream second = ana.stream();
        ConsoleClient.Stream bens = ben.stream()) {
      Wait.waitFor(() -> first.events("alert").size() == 1 && second.events("alert").size() == 1
          && bens.text().startsWith("retry: "), SOON);
      String id = first.events("alert").get(0).getString("id");
      var acked = ana.post("/console/alerts/" + id + "/ack", Map.of("_csrf", ana.csrf, "note", "llamé al refugio"));
      assertThat(acked.statusCode()).isEqualTo(303);
      Wait.waitFor(() -> first.events("gone").stream().anyMatch(g -> g.getString("id").equals(id))
          && second.events("gone").stream().anyMatch(g -> g.getString("id").equals(id)), SOON);
      // another case manager's stream never showed it, so it hears nothing of it, not even its id
      Wait.holdsFor(Duration.ofMillis(500), () -> !bens.text().contains(id));
    }
  }

  @Test
  @DisplayName("heartbeats keep a quiet stream open; at most 3 per session (the 4th: 429); signing out ends them")
  void heartbeatCapAndSignOut(VozHarness voz) throws Exception {
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-cap", "case_manager");
    ConsoleClient.Stream one = ana.stream();
    ConsoleClient.Stream two = ana.stream();
    ConsoleClient.Stream three = ana.stream();
    try (one; two; three; ConsoleClient.Stream four = ana.stream()) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(three.status()).isEqualTo(200);
      assertThat(four.status()).isEqualTo(429);
      Wait.waitFor(() -> one.text().split(": keep-alive\n\n", -1).length > 3, SOON);
      assertThat(one.ended).isFalse();

      // another session of someone else is not counted against this one
      ConsoleClient other = ConsoleClient.signedIn(voz, "cm-ben-cap", "case_manager");
      try (ConsoleClient.Stream theirs = other.stream()) {
        assertThat(theirs.status()).isEqualTo(200);
      }

      assertThat(ana.post("/console/sign-out", Map.of("_csrf", ana.csrf)).statusCode()).isEqualTo(303);
      Wait.waitFor(() -> one.ended && two.ended && three.ended, SOON);
    }
    // the closed streams freed their places: a new session may open three again
  }
}
