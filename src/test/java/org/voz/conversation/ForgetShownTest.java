package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sensitive replies, and forgetting them when a verified conversation ends")
class ForgetShownTest {

  private static final Instant T0 = EngineTest.T0;
  private static final Conversations SMALL = Conversations.load(Path.of("src/test/resources/conversations-small"));
  private static final Engine SMALL_ENGINE = new Engine(SMALL, Engine.Options.DEFAULTS);

  private static Transition send(Session s, String text) {
    return EngineTest.send(s, text);
  }

  private static boolean forgets(Transition t) {
    return t.effects().contains(new Effect.ForgetShown());
  }

  @Test
  @DisplayName("the PIN prompt is not sensitive; the answer to a PIN attempt, right or wrong, and every reply once verified are")
  void sensitiveOnlyOnceVerified() {
    EngineTest.load();
    Transition prompt = send(Session.fresh("en"), "hi");
    assertThat(prompt.replies().get(0).sensitive()).isFalse();
    Transition notAPin = send(prompt.session(), "hello");
    assertThat(notAPin.replies().get(0).sensitive()).isFalse();
    Transition wrong = send(notAPin.session(), "0000");
    assertThat(wrong.replies().get(0).sensitive()).isTrue();
    Transition menu = send(wrong.session(), "4821");
    assertThat(menu.replies().get(0).sensitive()).isTrue();
    Transition permissions = send(menu.session(), "1");
    assertThat(permissions.replies().get(0).sensitive()).isTrue();
    assertThat(forgets(prompt) || forgets(wrong) || forgets(menu) || forgets(permissions)).isFalse();
  }

  @Test
  @DisplayName("the quick-exit word and the Exit option end a verified conversation: a harmless reply, forget at once")
  void quickExitForgets() {
    EngineTest.load();
    for (String exit : new String[] {"SALIR", "exit", "8"}) {
      Transition t = send(EngineTest.atMenu(), exit);
      assertThat(t.session().verified()).as(exit).isFalse();
      assertThat(t.replies().get(0).text()).as(exit).isEqualTo(EngineTest.sys("quick_exit", "en"));
      assertThat(t.replies().get(0).sensitive()).as(exit).isFalse();
      assertThat(forgets(t)).as(exit).isTrue();
    }
  }

  @Test
  @DisplayName("the idle timeout, seen at the next message, forgets what the old conversation showed")
  void timeoutForgets() {
    EngineTest.load();
    Session verified = EngineTest.atMenu();
    Transition t = EngineTest.engine.step(verified, Inbound.text("1", "sms"), T0.plus(Duration.ofMinutes(16)),
        EngineTest.VIEW, EngineTest.PIN);
    assertThat(t.replies().get(0).sensitive()).isFalse();
    assertThat(forgets(t)).isTrue();
  }

  @Test
  @DisplayName("nothing to forget when the conversation was never verified, or only moves on")
  void nothingToForget() {
    EngineTest.load();
    Transition unverifiedExit = send(send(Session.fresh("en"), "hi").session(), "SALIR");
    assertThat(forgets(unverifiedExit)).isFalse();
    Transition stopUnverified = send(Session.fresh("en"), "STOP");
    assertThat(forgets(stopUnverified)).isFalse();
    assertThat(forgets(send(EngineTest.atMenu(), "MENU"))).isFalse();
  }

  @Test
  @DisplayName("an end step's last words are sensitive and left to read: no forget at once (the shell sweeps them later)")
  void endStepLeavesLastWords() {
    Session s = SMALL_ENGINE.step(Session.fresh("en"), Inbound.text("hi", "telegram"), T0, SurvivorView.of("s1", List.of()),
        "1234"::equals).session();
    s = SMALL_ENGINE.step(s, Inbound.text("1234", "telegram"), T0, SurvivorView.of("s1", List.of()), "1234"::equals).session();
    s = SMALL_ENGINE.step(s, Inbound.text("comment", "telegram"), T0, SurvivorView.of("s1", List.of()), "1234"::equals).session();
    Transition end = SMALL_ENGINE.step(s, Inbound.text("Kind people", "telegram"), T0, SurvivorView.of("s1", List.of()),
        "1234"::equals);
    assertThat(end.session().active()).isFalse();
    assertThat(end.replies().get(0).sensitive()).isTrue();
    assertThat(forgets(end)).isFalse();
  }
}
