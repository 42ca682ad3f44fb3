package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.voz.consent.ConsentView;
import org.voz.feedback.Invitation;
import org.voz.requests.FileRequest;

/**
 * The engine over the shipped conversations: whatever a survivor sends, from whatever state a conversation can
 * reach, a step yields a well-formed transition.
 */
@Label("Engine properties")
class EnginePropertiesTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(15);
  private static final int MAX_PIN = 5;

  private static Conversations conversations;
  private static Engine engine;
  private static Engine pendingEngine;

  /** The survivor's PIN is 4821; 9999 is the duress PIN. */
  private static final PinCheck PIN = new PinCheck() {
    @Override
    public boolean matches(String pin) {
      return "4821".equals(pin);
    }

    @Override
    public boolean isDuress(String pin) {
      return "9999".equals(pin);
    }
  };

  @BeforeContainer
  static void load() {
    conversations = Conversations.load(Path.of("conversations"));
    engine = new Engine(conversations, Engine.Options.DEFAULTS.withIdleTimeout(IDLE).withMaxPinAttempts(MAX_PIN));
    pendingEngine = new Engine(conversations, Engine.Options.DEFAULTS.withIdleTimeout(IDLE).withMaxPinAttempts(MAX_PIN)
        .withGrantStatus("granted_pending_confirmation"));
  }

  /** One inbound message and how long after the previous one it came. */
  record Turn(String text, String channel, boolean media, Duration after) {}

  @Provide
  Arbitrary<Turn> turn() {
    return Combinators.combine(Inputs.message(), Arbitraries.of("sms", "whatsapp", "telegram", "sim"),
        Arbitraries.integers().between(0, 19), Arbitraries.frequency(
            net.jqwik.api.Tuple.of(20, Duration.ofSeconds(5)), net.jqwik.api.Tuple.of(2, Duration.ofMinutes(14)),
            net.jqwik.api.Tuple.of(1, Duration.ofMinutes(16)), net.jqwik.api.Tuple.of(1, Duration.ofDays(40))))
        .as((text, channel, m, after) -> new Turn(text, channel, m == 0, after));
  }

  @Provide
  Arbitrary<SurvivorView> view() {
    Arbitrary<List<ConsentView>> consents = Arbitraries.of(
        new ConsentView("c1", "case-notes", "shelter", "referral", "2027-06-30", "granted"),
        new ConsentView("c2", "contact-details", "legal-aid", "legal-support", "2027-01-31", "revoked"),
        new ConsentView("c3", "health-information", "clinic", "medical-care", "2027-03-15", "declined"),
        new ConsentView("c4", "identity-documents", "legal-aid", "legal-support", "2026-12-31", "expired"),
        new ConsentView("p1", "case-notes", "housing-agency", "housing", "2027-05-31", "pending"),
        new ConsentView("p2", "feedback-answers", "research-team", "statistics", "2027-12-31", "pending"),
        new ConsentView("g5", "case-notes", "clinic", "referral", "2027-02-28", "granted"),
        new ConsentView("g6", "contact-details", "shelter", "housing", "2027-04-30", "granted"),
        new ConsentView("w7", "case-notes", "legal-aid", "referral", "2027-04-30", "pending_representative"))
        .list().uniqueElements(ConsentView::id).ofMaxSize(8);
    Arbitrary<List<FileRequest>> requests = Arbitraries.of(FileRequests.STATUSES_FOR_TEST)
        .list().ofMaxSize(3).map(statuses -> {
          java.util.List<FileRequest> out = new java.util.ArrayList<>();
          for (int i = 0; i < statuses.size(); i++) {
            out.add(new FileRequest("s1.R-00000" + i, "copy", "", "", "link", statuses.get(i), "", "R-00000" + i,
                T0.minus(Duration.ofDays(3)), T0.plus(Duration.ofDays(27)), null, null, false, false));
          }
          return out;
        });
    Arbitrary<List<Invitation>> surveys = Arbitraries.of(
        List.<Invitation>of(),
        conversations.surveys().stream().map(s -> Invitation.invited("c2026-exit", s.id())).toList(),
        conversations.surveys().stream().map(s -> Invitation.invited("c2026-old", s.id(), T0.minusSeconds(1))).toList());
    return Combinators.combine(consents, requests, surveys).as((c, r, s) -> SurvivorView.of("s1", c)
            .withRequests(r)
            .withSurveys(s));
  }

  @Property(tries = 1000)
  @Label("replaying any messages from a fresh session never throws and every transition is well formed")
  void replay(@ForAll("view") SurvivorView view, @ForAll @Size(min = 1, max = 40) List<@From("turn") Turn> turns,
      @ForAll boolean pendingGrants, @ForAll("language") String language) {
    Engine e = pendingGrants ? pendingEngine : engine;
    Session s = Session.fresh(language);
    Instant now = T0;
    for (Turn turn : turns) {
      now = now.plus(turn.after());
      Transition t = e.step(s, new Inbound(turn.text(), turn.channel(), turn.media()), now, view, PIN);
      wellFormed(s, t, now);
      s = t.session();
    }
  }

  @Property(tries = 500)
  @Label("a minor's chat never grants: a 'yes' waits for the representative, a revocation is at once, whatever they type")
  void minorNeverGrants(@ForAll("view") SurvivorView adult, @ForAll @Size(min = 1, max = 30) List<@From("realistic") String> path,
      @ForAll boolean pendingGrants, @ForAll("language") String language) {
    SurvivorView view = SurvivorView.of(adult.survivorId(), adult.consents())
            .withRequests(adult.requests())
            .withSurveys(adult.surveys())
            .withNews(adult.news())
            .withPolicy(adult.policy())
            .withMinor(true);
    Engine e = pendingGrants ? pendingEngine : engine;
    Session s = Session.fresh(language);
    Instant now = T0;
    for (String typed : path) {
      now = now.plusSeconds(5);
      Transition t = e.step(s, Inbound.text(typed, "sms"), now, view, PIN);
      wellFormed(s, t, now);
      for (Effect effect : t.effects()) {
        if (effect instanceof Effect.ConsentChanged c) {
          assertThat(c.to()).as("a minor's change").isIn("pending_representative", "declined", "revoked");
          if (c.to().equals("revoked")) {
            assertThat(c.from()).isIn("granted", "granted_pending_confirmation", "pending_representative");
          }
        }
      }
      s = t.session();
    }
  }

  @Property(tries = 300)
  @Label("from a reachable session, one hostile message (any UTF-16, huge, empty, controls) never throws")
  void hostileAfterRealistic(@ForAll("view") SurvivorView view,
      @ForAll @Size(max = 12) List<@From("realistic") String> path, @ForAll("hostile") String text) {
    Session s = Session.fresh("en");
    Instant now = T0;
    for (String typed : path) {
      now = now.plusSeconds(5);
      Transition t = engine.step(s, Inbound.text(typed, "sms"), now, view, PIN);
      wellFormed(s, t, now);
      s = t.session();
    }
    Transition t = engine.step(s, Inbound.text(text, "sms"), now.plusSeconds(5), view, PIN);
    wellFormed(s, t, now.plusSeconds(5));
  }

  @Property(tries = 200)
  @Label("a message from an unknown sender always gets the one neutral reply, whatever it says")
  void unknownSender(@ForAll("hostile") String text) {
    Transition t = engine.unknownSender(Inbound.text(text, "sms"), T0);
    assertThat(t.replies()).hasSize(1);
    assertThat(t.replies().get(0).text()).isEqualTo(conversations.systemText("unknown_sender", conversations.defaultLanguage()));
    assertThat(t.effects()).hasSize(1);
  }

  @Provide
  Arbitrary<String> language() {
    return Arbitraries.of(conversations.languages());
  }

  @Provide
  Arbitrary<String> realistic() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.of("4821", "hi", "MENU", "later", "skip")),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 7).map(String::valueOf)),
        net.jqwik.api.Tuple.of(1, Inputs.mangled(Inputs.ANSWERS)));
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(Inputs.anyUtf16(2000), Inputs.scripts(1700), Inputs.mangled(Inputs.RESERVED),
        Inputs.emoji().map(e -> e.repeat(300)), Inputs.digits(), Arbitraries.of("", "\uD800", "\uDFFF\uD800", "\u0000"));
  }

  /** What every transition must be, whatever the input. */
  private static void wellFormed(Session before, Transition t, Instant now) {
    assertThat(t).isNotNull();
    Session after = t.session();
    assertThat(after).isNotNull();
    assertThat(conversations.languages()).contains(after.language());
    assertThat(after.turns()).isEqualTo(before.turns() + 1);
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(after.lastActivity()).isEqualTo(now);
    assertThat(after.invalidCount()).isNotNegative();
    assertThat(after.pinFailures()).isNotNegative();
    if (after.flow() != null) {
      Flow flow = conversations.flow(after.flow());
      assertThat(flow).as("flow %s", after.flow()).isNotNull();
      assertThat(after.step()).isNotNull();
      Step step = flow.step(after.step());
      assertThat(step).as("step %s of %s", after.step(), after.flow()).isNotNull();
      assertThat(step.waits()).as("the conversation waits at a step that waits: %s", step.id()).isTrue();
    } else {
      assertThat(after.step()).isNull();
    }
    if (after.optedOut() && before.optedOut()) {
      // silence while opted out, but for HELP and START
      assertThat(t.replies()).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(t.effects()).doesNotContainNull();
    for (Effect.Reply reply : t.replies()) {
      assertThat(reply.text()).isNotNull().isNotBlank();
      assertThat(reply.choices()).doesNotContainNull();
    }
  }

  /** Request statuses (a copy, so that the test names them). */
  private static final class FileRequests {
    static final List<String> STATUSES_FOR_TEST = org.voz.requests.FileRequests.STATUSES;
  }
}
