package org.voz.conversation;

import org.voz.consent.ConsentView;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voz.consent.Receipts;

@DisplayName("Engine: consents")
class ConsentEngineTest {

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final PinCheck PIN = "4821"::equals;

  static final ConsentView C1 = new ConsentView("c1", "case-notes", "shelter", "referral", "2027-06-30", "granted");
  static final ConsentView C2 = new ConsentView("c2", "contact-details", "legal-aid", "legal-support", "2027-01-31", "revoked");
  static final ConsentView C3 = new ConsentView("c3", "health-information", "clinic", "medical-care", "2027-03-15", "declined");
  static final ConsentView C4 = new ConsentView("c4", "identity-documents", "legal-aid", "legal-support", "2026-12-31", "expired");
  static final ConsentView P1 = new ConsentView("p1", "case-notes", "housing-agency", "housing", "2027-05-31", "pending");
  static final ConsentView P2 = new ConsentView("p2", "feedback-answers", "research-team", "statistics", "2027-12-31", "pending");

  static Conversations conversations;
  static Engine engine;

  @BeforeAll
  static void load() {
    conversations = Conversations.load(Path.of("conversations"));
    engine = new Engine(conversations, Engine.Options.DEFAULTS);
  }

  static SurvivorView view(ConsentView... consents) {
    return SurvivorView.of("s1", List.of(consents));
  }

  static Transition send(Session s, String text, SurvivorView view) {
    return engine.step(s, Inbound.text(text, "sms"), T0, view, PIN);
  }

  static String reply(Transition t) {
    assertThat(t.replies()).hasSize(1);
    return t.replies().get(0).text();
  }

  static List<Effect> nonReplies(Transition t) {
    return t.effects().stream().filter(e -> !(e instanceof Effect.Reply)).toList();
  }

  /** Plays {@code texts} from a fresh English session; the last transition. */
  static Transition play(SurvivorView view, String... texts) {
    Session s = Session.fresh("en");
    Transition t = null;
    for (String text : texts) {
      t = send(s, text, view);
      s = t.session();
    }
    return t;
  }

  static String sys(String key) {
    return conversations.systemText(key, "en");
  }

  @Nested
  @DisplayName("revoking")
  class Revoking {

    @Test
    @DisplayName("the menu's withdraw lists only granted consents")
    void onlyGrantedListed() {
      Transition t = play(view(C1, C2, C3, C4, P1), "hi", "4821", "later", "2");
      assertThat(reply(t)).isEqualTo("""
          What do you want to stop sharing?
          1. The shelter: your case notes, for referring you to other services, until 30 Jun 2027 (given)
          Reply its number, or MENU.""");
      assertThat(t.session().flow()).isEqualTo("revoke");
      assertThat(t.session().step()).isEqualTo("pick");
    }

    @Test
    @DisplayName("without a granted consent there is nothing to withdraw: back to the menu")
    void nothingToWithdraw() {
      Transition t = play(view(C2, C3, C4), "hi", "4821", "2");
      assertThat(reply(t)).startsWith("You are not sharing your information with anyone now.\nWhat would you like to do?");
      assertThat(nonReplies(t)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] item {0}")
    @ValueSource(strings = {"2", "3", "4"})
    @DisplayName("in the review, a revoked, declined or expired consent cannot be picked")
    void notChangeable(String n) {
      Transition t = play(view(C1, C2, C3, C4), "hi", "4821", "1", n);
      assertThat(reply(t)).startsWith(sys("consent_not_changeable") + "\nWhat you share (4):");
      assertThat(t.session().step()).isEqualTo("review");
      assertThat(t.session().vars()).doesNotContainKey("consent");
      assertThat(nonReplies(t)).isEmpty();
    }

    @Test
    @DisplayName("in the review, a granted consent leads to the one confirmation, which says what will stop")
    void confirmation() {
      Transition t = play(view(C2, C1), "hi", "4821", "1", "2");
      assertThat(reply(t)).isEqualTo("""
          If you confirm, the shelter will no longer receive your case notes for referring you to other services. Confirm?
          1. Yes
          2. No""");
      assertThat(t.session().vars()).containsEntry("consent", "c1");
      assertThat(nonReplies(t)).isEmpty();
    }

    @Test
    @DisplayName("No cancels: nothing changes, nothing is emitted")
    void cancel() {
      Transition t = play(view(C1), "hi", "4821", "2", "1", "2");
      assertThat(reply(t)).startsWith("OK, nothing has changed.\nWhat would you like to do?");
      assertThat(nonReplies(t)).isEmpty();
    }

    @Test
    @DisplayName("Yes revokes at once: exactly the change and the alert, the receipt shown, then the optional reason")
    void revoke() {
      Session s = play(view(C1), "hi", "4821", "2", "1").session();
      String shown = reply(play(view(C1), "hi", "4821", "2", "1"));
      Transition t = send(s, "1", view(C1));
      String receipt = Receipts.of("s1", "c1", s.turns() + 1, "revoked");
      assertThat(nonReplies(t)).containsExactly(
          Effect.ConsentChanged.of("c1", "granted", "revoked").withReceipt(receipt).withShown(shown).withFlow("revoke", 1),
          new Effect.RaiseAlert("consent.revoked", Map.of("consentId", "c1", "recipient", "shelter", "data", "case-notes",
              "purpose", "referral", "receipt", receipt)));
      assertThat(reply(t)).isEqualTo("Done: the shelter will no longer receive your case notes. Receipt: " + receipt
          + "\nIf you like, tell us why (or reply SKIP).");
      // the reason's question came right after the menu: the step is marked, so a bare "1" there is asked about
      assertThat(t.session().vars()).containsOnlyKeys("consent", "receipt", "number_check")
          .containsEntry("number_check", "revoke.reason");
    }

    @Test
    @DisplayName("a reason given is one ledger event with the receipt, and is not kept in the session")
    void reasonGiven() {
      Transition done = play(view(C1), "hi", "4821", "2", "1", "1");
      Transition t = send(done.session(), "I moved away", view(C1));
      String receipt = done.session().vars().get("receipt");
      assertThat(nonReplies(t)).containsExactly(new Effect.AppendLedger("consent.reason", Map.of("consentId", "c1",
          "receipt", receipt, "reason", "I moved away", "flow", "revoke", "flowVersion", "1")));
      assertThat(reply(t)).startsWith("Thank you for telling us. You can write to this number any time to get support again.\nWhat would you like to do?");
      assertThat(t.session().vars()).doesNotContainKey("reason").doesNotContainValue("I moved away");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"SKIP", "skip", "no", "omitir", "PULAR", "passer", "Sote"})
    @DisplayName("a reason may be skipped in any language: nothing recorded")
    void reasonSkipped(String word) {
      Transition done = play(view(C1), "hi", "4821", "2", "1", "1");
      Transition t = send(done.session(), word, view(C1));
      assertThat(nonReplies(t)).isEmpty();
      assertThat(reply(t)).startsWith("That's fine. You can write to this number any time to get support again.\nWhat would you like to do?");
    }

    @Test
    @DisplayName("the reason is never required: MENU or a quick exit at that question loses nothing already done")
    void reasonNotRequired() {
      Transition done = play(view(C1), "hi", "4821", "2", "1", "1");
      assertThat(nonReplies(send(done.session(), "MENU", view(C1)))).isEmpty();
      assertThat(reply(send(done.session(), "EXIT", view(C1)))).isEqualTo("OK, bye.");
    }

    @Test
    @DisplayName("a consent changed meanwhile (staff revoked it) is not revoked twice: nothing emitted, said so")
    void changedMeanwhile() {
      Session s = play(view(C1), "hi", "4821", "2", "1").session();
      ConsentView revoked = new ConsentView("c1", "case-notes", "shelter", "referral", "2027-06-30", "revoked");
      Transition t = send(s, "1", view(revoked));
      assertThat(nonReplies(t)).isEmpty();
      assertThat(reply(t)).startsWith(sys("consent_gone") + "\nWhat would you like to do?");
    }

    @Test
    @DisplayName("a consent that is gone from the record is not revoked")
    void gone() {
      Session s = play(view(C1), "hi", "4821", "2", "1").session();
      Transition t = send(s, "1", view(C2));
      assertThat(nonReplies(t)).isEmpty();
      assertThat(reply(t)).startsWith(sys("consent_gone"));
    }
  }

  @Nested
  @DisplayName("receipts")
  class ReceiptCodes {

    @Test
    @DisplayName("are deterministic: the same session and message give the same receipt")
    void deterministic() {
      Session s = play(view(C1), "hi", "4821", "2", "1").session();
      Effect.ConsentChanged a = (Effect.ConsentChanged) nonReplies(send(s, "1", view(C1))).get(0);
      Effect.ConsentChanged b = (Effect.ConsentChanged) nonReplies(send(s, "1", view(C1))).get(0);
      assertThat(a.receipt()).isEqualTo(b.receipt()).matches("[2-9A-HJ-NP-Z]{6}");
    }

    @Test
    @DisplayName("differ per turn, per survivor and per new status")
    void differ() {
      Session s = play(view(C1), "hi", "4821", "2", "1").session();
      Session later = new Session(s.version(), s.language(), s.flow(), s.step(), s.verified(), 0, false, false, 0,
          s.lastActivity(), s.turns() + 5, s.vars());
      String first = ((Effect.ConsentChanged) nonReplies(send(s, "1", view(C1))).get(0)).receipt();
      String second = ((Effect.ConsentChanged) nonReplies(send(later, "1", view(C1))).get(0)).receipt();
      String other = ((Effect.ConsentChanged) nonReplies(
          engine.step(s, Inbound.text("1", "sms"), T0, SurvivorView.of("s2", List.of(C1)), PIN)).get(0)).receipt();
      assertThat(first).isNotEqualTo(second).isNotEqualTo(other);
      assertThat(Receipts.of("s1", "c1", 9, "revoked")).isNotEqualTo(Receipts.of("s1", "c1", 9, "granted"));
    }
  }

  @Nested
  @DisplayName("the review, paged")
  class Paging {

    static ConsentView item(int i) {
      return new ConsentView("c" + i, "case-notes", "shelter", "referral", "2027-06-30", "granted");
    }

    static SurvivorView items(int n) {
      List<ConsentView> list = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        list.add(item(i));
      }
      return SurvivorView.of("s1", list);
    }

    static long lines(String text) {
      return text.lines().filter(l -> l.matches("\\d+\\. The shelter.*")).count();
    }

    @Test
    @DisplayName("0 items: the none text, back to the menu")
    void none() {
      Transition t = play(items(0), "hi", "4821", "1");
      assertThat(reply(t)).startsWith("You don't share your information with anyone.\nWhat would you like to do?");
    }

    @Test
    @DisplayName("3 items: one page, no 'of' line; MORE shows it again")
    void three() {
      Transition t = play(items(3), "hi", "4821", "1");
      assertThat(lines(reply(t))).isEqualTo(3);
      assertThat(reply(t)).doesNotContain(" of 3").doesNotContain("MORE");
      assertThat(reply(send(t.session(), "more", items(3)))).isEqualTo(reply(t));
    }

    @Test
    @DisplayName("4 items: 1-3 of 4, then 4 of 4, then back to the start")
    void four() {
      Transition t = play(items(4), "hi", "4821", "1");
      assertThat(reply(t)).contains("\n1. The shelter", "\n3. The shelter", "\n1-3 of 4. Reply MORE for more.");
      Transition next = send(t.session(), "MORE", items(4));
      assertThat(reply(next)).contains("\n4. The shelter", "\n4 of 4.").doesNotContain("MORE for more");
      assertThat(lines(reply(next))).isEqualTo(1);
      assertThat(reply(send(next.session(), "more", items(4)))).isEqualTo(reply(t));
    }

    @Test
    @DisplayName("7 items: 1-3, 4-6, 7, back to 1-3; numbers run on and pick across pages")
    void seven() {
      Transition t = play(items(7), "hi", "4821", "1");
      assertThat(reply(t)).contains("1-3 of 7. Reply MORE for more.");
      Transition p2 = send(t.session(), "more", items(7));
      assertThat(reply(p2)).contains("\n4. The shelter", "\n6. The shelter", "4-6 of 7. Reply MORE for more.");
      Transition p3 = send(p2.session(), "más", items(7));
      assertThat(reply(p3)).contains("\n7. The shelter", "7 of 7.");
      assertThat(reply(send(p3.session(), "PLUS", items(7)))).isEqualTo(reply(t));
      Transition picked = send(p2.session(), "5", items(7));
      assertThat(picked.session().vars()).containsEntry("consent", "c5");
    }

    @Test
    @DisplayName("a page starts again at 1-3 when the review is entered again")
    void resets() {
      Transition p2 = send(play(items(7), "hi", "4821", "1").session(), "more", items(7));
      Session menu = send(p2.session(), "MENU", items(7)).session();
      assertThat(reply(send(menu, "1", items(7)))).contains("1-3 of 7");
    }

    @Test
    @DisplayName("labels too long for three on a page within three segments: fewer on the page, never over the budget")
    void fitsBudget() {
      ConsentView longOne = new ConsentView("x", "immigration-status", "co-design-team", "co-design", "2027-09-30", "pending");
      List<ConsentView> list = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        list.add(new ConsentView("x" + i, longOne.data(), longOne.recipient(), longOne.purpose(), longOne.until(), "declined"));
      }
      SurvivorView v = SurvivorView.of("s1", list);
      for (String language : conversations.languages()) {
        Session s = send(send(Session.fresh(language), "hi", v).session(), "4821", v).session();
        Transition t = send(s, "1", v);
        int seen = 0;
        for (int page = 0; page < 7 && seen < 7; page++) {
          String text = reply(t);
          assertThat(SmsSegments.segments(text)).as(language + ": " + text).isLessThanOrEqualTo(3);
          seen += (int) text.lines().filter(l -> l.matches("\\d+\\. .*")).count();
          t = send(t.session(), "MORE", v);
        }
        assertThat(seen).as(language).isEqualTo(7);
      }
    }
  }

  @Nested
  @DisplayName("pending requests")
  class Pending {

    @Test
    @DisplayName("are shown right after the PIN, one at a time, in plain words")
    void afterPin() {
      Transition t = play(view(C1, P1), "hi", "4821");
      assertThat(reply(t)).isEqualTo("""
          Share your information? the housing programme asks to receive your case notes for finding you housing, until 31 May 2027.
          1. Yes, I agree
          2. No
          3. Ask me later""");
      assertThat(t.session().vars()).containsEntry("consent", "p1");
    }

    @Test
    @DisplayName("Yes grants: exactly the change (pending to granted) and the alert, with a receipt")
    void grant() {
      Session s = play(view(P1), "hi", "4821").session();
      String shown = reply(play(view(P1), "hi", "4821"));
      Transition t = send(s, "1", view(P1));
      String receipt = Receipts.of("s1", "p1", s.turns() + 1, "granted");
      assertThat(nonReplies(t)).containsExactly(
          Effect.ConsentChanged.of("p1", "pending", "granted").withReceipt(receipt).withShown(shown).withFlow("requests", 1),
          new Effect.RaiseAlert("consent.granted", Map.of("consentId", "p1", "recipient", "housing-agency",
              "data", "case-notes", "purpose", "housing", "receipt", receipt)));
      assertThat(reply(t)).startsWith("Thank you. Agreed. Receipt: " + receipt + ".");
    }

    @Test
    @DisplayName("No declines: exactly the change and the alert, a receipt, and the services stay the same")
    void decline() {
      Session s = play(view(P1), "hi", "4821").session();
      Transition t = send(s, "no", view(P1));
      String receipt = Receipts.of("s1", "p1", s.turns() + 1, "declined");
      assertThat(nonReplies(t)).hasSize(2);
      assertThat(nonReplies(t).get(0)).isEqualTo(Effect.ConsentChanged.of("p1", "pending", "declined").withReceipt(receipt)
          .withShown(reply(play(view(P1), "hi", "4821"))).withFlow("requests", 1));
      assertThat(((Effect.RaiseAlert) nonReplies(t).get(1)).type()).isEqualTo("consent.declined");
      for (String language : conversations.languages()) {
        Session sl = send(send(Session.fresh(language), "hi", view(P1)).session(), "4821", view(P1)).session();
        assertThat(reply(send(sl, "2", view(P1)))).as(language).contains(receipt)
            .containsAnyOf("no cambia", "does not change", "não muda", "ne change rien", "pa chanje");
      }
    }

    @Test
    @DisplayName("Later keeps it pending: nothing emitted, the next request or the menu, not asked again in this conversation")
    void later() {
      Session s = play(view(P1, P2), "hi", "4821").session();
      Transition t = send(s, "3", view(P1, P2));
      assertThat(nonReplies(t)).isEmpty();
      assertThat(reply(t)).startsWith("OK, we will ask you another time.\nShare your information? the research team");
      Transition t2 = send(t.session(), "later", view(P1, P2));
      assertThat(nonReplies(t2)).isEmpty();
      assertThat(reply(t2)).startsWith("OK, we will ask you another time.\nWhat would you like to do?");
      assertThat(t2.session().vars().get("deferred")).isEqualTo("p1,p2");
      assertThat(reply(send(t2.session(), "MENU", view(P1, P2)))).startsWith("What would you like to do?");
      Session again = send(send(t2.session(), "EXIT", view(P1, P2)).session(), "hi", view(P1, P2)).session();
      Session back = send(again, "4821", view(P1, P2)).session(); // after a quick exit, the offer of a person first
      assertThat(reply(send(back, "2", view(P1, P2)))).startsWith("Share your information? the housing programme");
    }

    @Test
    @DisplayName("after a grant the next pending request follows in the same reply")
    void nextAfterGrant() {
      Transition t = send(play(view(P1, P2), "hi", "4821").session(), "1", view(P1, P2));
      assertThat(reply(t)).contains("\nShare your information? the research team");
      assertThat(t.session().vars()).containsEntry("consent", "p2");
    }
  }

  @Nested
  @DisplayName("safety")
  class Safety {

    @Test
    @DisplayName("nothing personal before the PIN: a pending request, the review or a confirmation show only the PIN prompt")
    void nothingBeforePin() {
      SurvivorView v = view(C1, P1);
      assertThat(reply(send(Session.fresh("en"), "hi", v))).isEqualTo("Hi. Reply with your PIN to continue.");
      for (String[] at : new String[][] {{"revoke", "confirm"}, {"consents", "review"}, {"requests", "ask"}, {"revoke", "reason"}}) {
        Session s = new Session(0, "en", at[0], at[1], false, 0, false, false, 0, T0, 3, Map.of("consent", "c1"));
        Transition t = send(s, "1", v);
        assertThat(reply(t)).as(String.join(".", at)).isEqualTo("Hi. Reply with your PIN to continue.");
        assertThat(nonReplies(t)).as(String.join(".", at)).isEmpty();
      }
    }

    @Test
    @DisplayName("a wrong PIN never reveals a pending request")
    void wrongPin() {
      Transition t = play(view(P1), "hi", "0000");
      assertThat(reply(t)).isEqualTo(sys("wrong_pin"));
    }

    @Test
    @DisplayName("session variables hold ids only")
    void varsIdsOnly() {
      Transition t = play(view(C1, P1), "hi", "4821", "3", "2", "1", "1", "my reason");
      assertThat(t.session().vars()).containsOnlyKeys("consent", "receipt", "deferred");
      assertThat(t.session().vars().values()).allMatch(v -> v.matches("[A-Za-z0-9,_-]*"));
    }

    @Test
    @DisplayName("the labels fall back to the code, the date to the text as given")
    void fallbacks() {
      ConsentView odd = new ConsentView("z", "tattoo-photos", "ngo-x", "art", "someday", "granted");
      assertThat(reply(play(view(odd), "hi", "4821", "1"))).contains("1. Ngo-x: tattoo-photos, for art, until someday (given)");
    }
  }
}
