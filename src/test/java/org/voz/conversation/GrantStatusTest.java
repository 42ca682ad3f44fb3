package org.voz.conversation;

import org.voz.consent.ConsentView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a grant by chat gives: granted, or granted_pending_confirmation")
class GrantStatusTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final PinCheck PIN = "4821"::equals;
  private final Conversations conversations = Conversations.load(Path.of("conversations"));

  private static ConsentView consent(String status) {
    return new ConsentView("r1", "health-information", "clinic-salud-digna", "medical-care", "2027-03-31", status);
  }

  private static List<Effect.ConsentChanged> changes(Transition t) {
    return t.effects().stream().filter(Effect.ConsentChanged.class::isInstance).map(Effect.ConsentChanged.class::cast).toList();
  }

  @Test
  @DisplayName("configured to wait, a 'yes' gives granted_pending_confirmation; the default gives granted")
  void grant() {
    SurvivorView view = SurvivorView.of("s1", List.of(consent("pending")));
    for (String status : List.of("granted", "granted_pending_confirmation")) {
      Engine engine = new Engine(conversations, Engine.Options.DEFAULTS.withGrantStatus(status));
      Session s = engine.step(Session.fresh("en"), Inbound.text("hi", "sms"), T0, view, PIN).session();
      s = engine.step(s, Inbound.text("4821", "sms"), T0, view, PIN).session();
      Transition yes = engine.step(s, Inbound.text("1", "sms"), T0, view, PIN);
      assertThat(changes(yes)).singleElement().satisfies(c -> {
        assertThat(c.from()).isEqualTo("pending");
        assertThat(c.to()).isEqualTo(status);
      });
    }
  }

  @Test
  @DisplayName("a grant awaiting confirmation can be withdrawn like any other")
  void revokeAwaiting() {
    SurvivorView view = SurvivorView.of("s1", List.of(consent("granted_pending_confirmation")));
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS.withGrantStatus("granted_pending_confirmation"));
    Session s = engine.step(Session.fresh("en"), Inbound.text("hi", "sms"), T0, view, PIN).session();
    s = engine.step(s, Inbound.text("4821", "sms"), T0, view, PIN).session();
    s = engine.step(s, Inbound.text("2", "sms"), T0, view, PIN).session(); // withdraw a permission
    s = engine.step(s, Inbound.text("1", "sms"), T0, view, PIN).session(); // the first (only) one
    Transition yes = engine.step(s, Inbound.text("1", "sms"), T0, view, PIN);
    assertThat(changes(yes)).singleElement().satisfies(c -> {
      assertThat(c.from()).isEqualTo("granted_pending_confirmation");
      assertThat(c.to()).isEqualTo("revoked");
    });
  }

  @Test
  @DisplayName("any other grant status is refused")
  void invalid() {
    assertThatThrownBy(() -> new Engine(conversations, Engine.Options.DEFAULTS.withGrantStatus("maybe")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
