package org.voz.conversation;

import org.voz.consent.ConsentView;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Transcripts in conversations/tests")
class TranscriptTest {

  private static final Path CONVERSATIONS = Path.of("conversations");
  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

  @TestFactory
  @DisplayName("every transcript plays exactly as written")
  Stream<DynamicTest> transcripts() throws IOException {
    Conversations conversations = Conversations.load(CONVERSATIONS);
    Engine engine = Transcript.engine(conversations);
    List<Path> files;
    try (Stream<Path> list = Files.list(CONVERSATIONS.resolve("tests"))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("transcripts in conversations/tests").isNotEmpty();
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
        () -> play(conversations, engine, Transcript.read(file))));
  }

  /** Points at the first line that differs, so a long reply's diff is readable. */
  static String firstDifference(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] got = actual.split("\n", -1);
    for (int i = 0; i < Math.max(want.length, got.length); i++) {
      String w = i < want.length ? want[i] : "<no line>";
      String g = i < got.length ? got[i] : "<no line>";
      if (!w.equals(g)) {
        return "\n  first difference at reply line " + (i + 1) + ":\n  expected: " + w + "\n  actual:   " + g;
      }
    }
    return "";
  }

  /** What the shell does after a commit: the consents' new statuses and the survey progress are in the next view. */
  static SurvivorView applyChanges(SurvivorView view, Transition t) {
    List<ConsentView> consents = view.consents();
    List<org.voz.feedback.Invitation> surveys = view.surveys();
    for (Effect e : t.effects()) {
      if (e instanceof Effect.SurveyProgress p) {
        surveys = java.util.stream.Stream.concat(surveys.stream()
            .filter(i -> !i.campaignId().equals(p.invitation().campaignId())), java.util.stream.Stream.of(p.invitation())).toList();
      }
      if (e instanceof Effect.ConsentAdded a) {
        consents = java.util.stream.Stream.concat(consents.stream(),
            java.util.stream.Stream.of(new ConsentView(a.consentId(), a.data(), a.recipient(), a.purpose(), "2027-11-23", "pending"))).toList();
      }
      if (e instanceof Effect.ConsentChanged c) {
        consents = consents.stream()
            .map(v -> v.id().equals(c.consentId())
                ? new ConsentView(v.id(), v.data(), v.recipient(), v.purpose(), v.until(), c.to()) : v)
            .toList();
      }
    }
    List<org.voz.requests.FileRequest> requests = new java.util.ArrayList<>(view.requests());
    t.effects().stream().filter(Effect.FileRequestOpened.class::isInstance)
        .forEach(e -> requests.add(((Effect.FileRequestOpened) e).request()));
    List<Effect.NewsRead> read = newsRead(t);
    List<org.voz.feedback.LoopNews> news = view.news().stream()
        .filter(n -> read.stream().noneMatch(r -> n.is(r.campaignId(), r.updateId()))).toList();
    // a refused erasure request, once told, is told no more (the shell marks it told in the record)
    String refusal = t.effects().stream().anyMatch(Effect.ErasureRefusalTold.class::isInstance) ? null : view.erasureRefusal();
    return SurvivorView.of(view.survivorId(), consents)
            .withRequests(requests)
            .withSurveys(surveys)
            .withNews(news)
            .withPolicy(view.policy())
            .withMinor(view.minor())
            .withErasureRefusal(refusal);
  }

  private static List<Effect.NewsRead> newsRead(Transition t) {
    return t.effects().stream().filter(Effect.NewsRead.class::isInstance).map(Effect.NewsRead.class::cast).toList();
  }

  /**
   * A "what we changed" text is shown in the turn that marks it read, never before (the nudge and every reply until
   * the PIN hold none of it) nor after; it is read only in a verified conversation.
   */
  private static void newsShownOnce(String where, SurvivorView view, Transition t) {
    List<Effect.NewsRead> read = newsRead(t);
    if (!read.isEmpty()) {
      assertThat(t.session().verified()).as(where + ": an update is read only after the PIN").isTrue();
    }
    for (org.voz.feedback.LoopNews news : view.news()) {
      if (read.stream().noneMatch(r -> news.is(r.campaignId(), r.updateId()))) {
        for (Effect.Reply reply : t.replies()) {
          for (String text : news.texts().values()) {
            assertThat(reply.text()).as(where + ": an update's text before it is read").doesNotContain(text);
          }
        }
      }
    }
  }

  private static void play(Conversations conversations, Engine engine, Transcript transcript) {
    Session session = transcript.startSession(conversations, START);
    SurvivorView view = transcript.view();
    if (transcript.nudged() != null) {
      String nudge = transcript.nudge(conversations, START).text(transcript.language());
      assertThat(nudge).as(transcript.file() + ": the nudge").isEqualTo(transcript.nudged());
      for (org.voz.feedback.LoopNews news : view.news()) {
        for (String text : news.texts().values()) {
          assertThat(nudge).as(transcript.file() + ": the nudge holds no update's text").doesNotContain(text);
        }
      }
    }
    String previousReply = "";
    PinCheck pin = transcript.pin()::equals;
    Instant now = START;
    for (Transcript.Turn turn : transcript.turns()) {
      now = now.plus(turn.after());
      Inbound inbound = new Inbound(turn.send(), "sms", turn.media());
      Transition t = engine.step(session, inbound, now, view, pin);
      String where = transcript.file() + " turn " + turn.number() + " (send \"" + turn.send() + "\")";
      List<Effect.Reply> replies = t.replies();
      if (turn.expect() == null) {
        assertThat(replies).as(where + ": expected no reply").isEmpty();
      } else {
        assertThat(replies).as(where + ": expected one reply").hasSize(1);
        String actual = replies.get(0).text();
        assertThat(actual).as(where + firstDifference(turn.expect(), actual)).isEqualTo(turn.expect());
        if (turn.choices() != null) {
          assertThat(replies.get(0).buttons()).extracting(Choice::label).as(where + " choices").isEqualTo(turn.choices());
        }
      }
      newsShownOnce(where, view, t);
      List<String> alerts = t.effects().stream()
          .filter(Effect.RaiseAlert.class::isInstance).map(e -> ((Effect.RaiseAlert) e).type()).toList();
      assertThat(alerts).as(where + " alerts").isEqualTo(turn.alerts());
      List<Effect> others = t.effects().stream().filter(e -> !(e instanceof Effect.Reply)).toList();
      if (turn.effects() != null) {
        assertThat(others.stream().map(Transcript::flat).toList()).as(where + " effects").isEqualTo(turn.effects());
      }
      for (Effect e : others) {
        if (e instanceof Effect.ConsentChanged c) {
          assertThat(previousReply).as(where + ": the text shown, recorded with the change, is what the survivor saw")
              .endsWith(c.shown());
          assertThat(c.shown()).isNotBlank();
        }
      }
      assertThat(t.session().turns()).as(where + " turns").isEqualTo(session.turns() + 1);
      assertThat(t.session().vars().keySet()).as(where + ": session variables hold ids, never personal text")
          .isSubsetOf("consent", "receipt", "page", "deferred", "request_kind", "request_delivery", "campaign", "mode",
              "share", "surveys_deferred", "contact_channel", "contact_window", "complaint_mode", "after_exit", "number_check");
      previousReply = replies.isEmpty() ? previousReply : replies.get(0).text();
      session = t.session();
      view = applyChanges(view, t);
    }
  }
}
