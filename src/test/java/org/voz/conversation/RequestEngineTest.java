package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.requests.FileRequest;

@DisplayName("Engine: file requests")
class RequestEngineTest {

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static Conversations conversations;

  @BeforeAll
  static void load() {
    conversations = Conversations.load(Path.of("conversations"));
  }

  private static Session play(Engine engine, SurvivorView view, List<Transition> out, String... texts) {
    Session s = Session.fresh("en");
    for (String text : texts) {
      Transition t = engine.step(s, Inbound.text(text, "sms"), T0, view, "4821"::equals);
      out.add(t);
      s = t.session();
    }
    return s;
  }

  @Test
  @DisplayName("the due date is the configured period after the request, shown in the confirmation")
  void dueDate() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS.withRequestDue(Duration.ofDays(10)));
    List<Transition> out = new java.util.ArrayList<>();
    play(engine, SurvivorView.of("s1", List.of()), out, "hi", "4821", "documents", "ask", "copy", "link", "skip");
    Transition last = out.get(out.size() - 1);
    FileRequest opened = last.effects().stream().filter(Effect.FileRequestOpened.class::isInstance)
        .map(e -> ((Effect.FileRequestOpened) e).request()).findFirst().orElseThrow();
    assertThat(opened.dueAt()).isEqualTo(T0.plus(Duration.ofDays(10)));
    assertThat(opened.status()).isEqualTo("open");
    assertThat(opened.purpose()).isEmpty();
    assertThat(opened.id()).isEqualTo("s1." + opened.reference());
    assertThat(last.replies().get(0).text()).startsWith("Done. Your request number is " + opened.reference()
        + ". We will answer by 3 Dec 2026.");
    assertThat(last.session().vars()).doesNotContainKeys("request_kind", "request_delivery", "answer");
  }

  @Test
  @DisplayName("the same message opens the same reference (a retried commit), another message another one")
  void deterministicReference() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    List<Transition> a = new java.util.ArrayList<>();
    List<Transition> b = new java.util.ArrayList<>();
    SurvivorView view = SurvivorView.of("s1", List.of());
    play(engine, view, a, "hi", "4821", "documents", "ask", "letter", "1", "For a court");
    play(engine, view, b, "hi", "4821", "documents", "ask", "letter", "1", "For a court");
    assertThat(reply(a)).isEqualTo(reply(b));
    List<Transition> c = new java.util.ArrayList<>();
    play(engine, view, c, "hi", "4821", "menu", "documents", "ask", "letter", "1", "For a court");
    assertThat(reply(c)).isNotEqualTo(reply(a));
  }

  @Test
  @DisplayName("a purpose answered after the conversation timed out opens nothing: the PIN again")
  void timedOut() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    List<Transition> out = new java.util.ArrayList<>();
    Session s = play(engine, SurvivorView.of("s1", List.of()), out, "hi", "4821", "documents", "ask", "copy", "link");
    Transition late = engine.step(s, Inbound.text("For a visa", "sms"), T0.plus(Duration.ofMinutes(20)),
        SurvivorView.of("s1", List.of()), "4821"::equals);
    assertThat(late.effects()).noneMatch(Effect.FileRequestOpened.class::isInstance);
    assertThat(late.session().vars()).isEmpty();
    assertThat(late.replies().get(0).text()).contains("Hi. Reply with your PIN to continue.");
  }

  @Test
  @DisplayName("the list of requests is never shown before the PIN: the files flow sends an unverified survivor to the PIN")
  void notBeforePin() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    StepRef filesPin = conversations.start("files");
    Session atFilesPin = new Session(0, "en", filesPin.flow(), filesPin.step(), false, 0, false, false, 0, T0, 0,
        java.util.Map.of());
    FileRequest r = new FileRequest("s1.R-AB2CDE", "copy", "", "", "link", "ready", "", "R-AB2CDE", T0, T0, T0, null,
        false, false);
    SurvivorView view = SurvivorView.of("s1", List.of()).withRequests(List.of(r));
    Transition wrong = engine.step(atFilesPin, Inbound.text("1111", "sms"), T0, view, "4821"::equals);
    assertThat(wrong.replies().get(0).text()).doesNotContain("R-AB2CDE");
    Transition right = engine.step(atFilesPin, Inbound.text("4821", "sms"), T0, view, "4821"::equals);
    assertThat(right.replies().get(0).text()).startsWith("Your document requests:\nR-AB2CDE: copy of your file, ready.");
  }

  @Test
  @DisplayName("under the duress PIN a request looks opened but nothing is recorded or alerted")
  void duress() {
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    Session s = Session.fresh("en");
    PinCheck duressPin = new PinCheck() {
      @Override
      public boolean matches(String pin) {
        return false;
      }

      @Override
      public boolean isDuress(String pin) {
        return pin.equals("9999");
      }
    };
    Transition t = null;
    for (String text : new String[] {"hi", "9999", "documents", "ask", "copy", "link", "For a visa"}) {
      t = engine.step(s, Inbound.text(text, "sms"), T0, SurvivorView.of("s1", List.of()), duressPin);
      s = t.session();
    }
    assertThat(t.replies().get(0).text()).startsWith("Done. Your request number is R-");
    assertThat(t.effects()).noneMatch(e -> e instanceof Effect.FileRequestOpened || e instanceof Effect.RaiseAlert);
  }

  private static String reply(List<Transition> ts) {
    return ts.get(ts.size() - 1).replies().get(0).text();
  }
}
