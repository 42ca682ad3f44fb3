package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voz.consent.ConsentView;
import org.voz.safety.RiskPolicies;
import org.voz.safety.RiskLevel;

@DisplayName("A minor's grant in the chat waits for their representative; revoking never waits; an adult's is unchanged")
class MinorConsentTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final PinCheck PIN = "4821"::equals;
  private final Conversations conversations = Conversations.load(Path.of("conversations"));

  private static ConsentView consent(String status) {
    return new ConsentView("r1", "health-information", "clinic-salud-digna", "medical-care", "2027-03-31", status);
  }

  private static SurvivorView view(boolean minor, ConsentView... consents) {
    return SurvivorView.of("s1", List.of(consents))
            .withPolicy(RiskPolicies.DEFAULTS.of(minor ? RiskLevel.HIGH : RiskLevel.LOW))
            .withMinor(minor);
  }

  private static List<Effect.ConsentChanged> changes(Transition t) {
    return t.effects().stream().filter(Effect.ConsentChanged.class::isInstance).map(Effect.ConsentChanged.class::cast).toList();
  }

  private static List<String> alerts(Transition t) {
    return t.effects().stream().filter(Effect.RaiseAlert.class::isInstance).map(e -> ((Effect.RaiseAlert) e).type()).toList();
  }

  /** Hello, the PIN (the pending request is asked first), then {@code answer}. */
  private Transition answerRequest(Engine engine, SurvivorView view, String language, String answer) {
    Session s = engine.step(Session.fresh(language), Inbound.text("hola", "sms"), T0, view, PIN).session();
    s = engine.step(s, Inbound.text("4821", "sms"), T0, view, PIN).session();
    return engine.step(s, Inbound.text(answer, "sms"), T0, view, PIN);
  }

  @ParameterizedTest(name = "chatGrantStatus {0}")
  @ValueSource(strings = {"granted", "granted_pending_confirmation"})
  @DisplayName("a minor's 'yes' gives pending_representative (whatever a grant by chat gives adults), its own alert, "
      + "and a kind text with the receipt that says their guardian must agree too")
  void minorWaits(String adultGrant) {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS.withGrantStatus(adultGrant));
    Transition yes = answerRequest(engine, view(true, consent("pending")), "en", "1");
    assertThat(changes(yes)).singleElement().satisfies(c -> {
      assertThat(c.from()).isEqualTo("pending");
      assertThat(c.to()).isEqualTo("pending_representative");
      assertThat(c.receipt()).matches("[23456789A-HJ-NP-Z]{6}");
    });
    assertThat(alerts(yes)).containsExactly("consent.pending_representative");
    String receipt = changes(yes).get(0).receipt();
    assertThat(yes.replies()).singleElement().extracting(Effect.Reply::text).asString()
        .startsWith("Thank you. We saved your answer. Your guardian needs to agree too. Receipt: " + receipt + ".")
        .doesNotContain("Agreed");
  }

  @Test
  @DisplayName("an adult's 'yes' is granted at once, with the usual text (unchanged)")
  void adultUnchanged() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    Transition yes = answerRequest(engine, view(false, consent("pending")), "en", "1");
    assertThat(changes(yes)).singleElement().extracting(Effect.ConsentChanged::to).isEqualTo("granted");
    assertThat(alerts(yes)).containsExactly("consent.granted");
    assertThat(yes.replies().get(0).text()).startsWith("Thank you. Agreed. Receipt: ");
  }

  @Test
  @DisplayName("a minor's 'no' is declined at once: only a grant waits")
  void minorDeclines() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    Transition no = answerRequest(engine, view(true, consent("pending")), "es", "2");
    assertThat(changes(no)).singleElement().extracting(Effect.ConsentChanged::to).isEqualTo("declined");
    assertThat(alerts(no)).containsExactly("consent.declined");
  }

  @Test
  @DisplayName("a minor withdraws a grant still waiting for their representative at once, from the menu")
  void revokeWaiting() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    SurvivorView view = view(true, consent("pending_representative"));
    Session s = engine.step(Session.fresh("es"), Inbound.text("hola", "sms"), T0, view, PIN).session();
    s = engine.step(s, Inbound.text("4821", "sms"), T0, view, PIN).session();
    Transition list = engine.step(s, Inbound.text("2", "sms"), T0, view, PIN); // withdraw a permission
    assertThat(list.replies().get(0).text()).contains("(espera a tu representante)");
    s = engine.step(list.session(), Inbound.text("1", "sms"), T0, view, PIN).session(); // the only one
    Transition yes = engine.step(s, Inbound.text("1", "sms"), T0, view, PIN);
    assertThat(changes(yes)).singleElement().satisfies(c -> {
      assertThat(c.from()).isEqualTo("pending_representative");
      assertThat(c.to()).isEqualTo("revoked");
    });
    assertThat(alerts(yes)).containsExactly("consent.revoked");
  }

  @Test
  @DisplayName("the waiting text exists in every language the conversations speak")
  void everyLanguage() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    for (String language : conversations.languages()) {
      Transition yes = answerRequest(engine, view(true, consent("pending")), language, "1");
      assertThat(changes(yes)).as(language).singleElement().extracting(Effect.ConsentChanged::to)
          .isEqualTo("pending_representative");
      assertThat(yes.replies().get(0).text()).as(language).contains(changes(yes).get(0).receipt())
          .doesNotContain(conversations.step(new StepRef("requests", "granted")).text().in(language, "es")
              .replace("{receipt}", changes(yes).get(0).receipt()));
    }
  }
}
