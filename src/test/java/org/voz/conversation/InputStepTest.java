package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An input step and an end step (conversations-small)")
class InputStepTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Conversations SMALL = Conversations.load(Path.of("src/test/resources/conversations-small"));
  private static final Engine ENGINE = new Engine(SMALL, Engine.Options.DEFAULTS);
  private static final SurvivorView VIEW = SurvivorView.of("s1", List.of());

  private static Transition send(Session s, String text) {
    return ENGINE.step(s, Inbound.text(text, "telegram"), T0, VIEW, "1234"::equals);
  }

  private static Session atInput() {
    Session s = send(Session.fresh("en"), "hi").session();
    s = send(s, "1234").session();
    return send(s, "comment").session();
  }

  @Test
  @DisplayName("asks for the text, saves it under its name, renders it, and the end step closes the conversation")
  void saves() {
    assertThat(atInput().step()).isEqualTo("ask");
    Transition t = send(atInput(), "  Kind people  ");
    assertThat(t.replies().get(0).text()).isEqualTo("Thanks: Kind people\nThe end.");
    assertThat(t.session().active()).isFalse();
    assertThat(t.session().vars()).isEmpty();
    assertThat(t.session().verified()).isFalse();
  }

  @Test
  @DisplayName("an answer longer than max or against the pattern is not accepted")
  void validates() {
    Transition tooLong = send(atInput(), "x".repeat(21));
    assertThat(tooLong.replies().get(0).text()).isEqualTo("Not understood.\nWrite your comment:");
    Transition digits = send(tooLong.session(), "call 555");
    assertThat(digits.replies().get(0).text()).isEqualTo("Again not.\nMenu:\n1. Comment\n2. Exit");
  }

  @Test
  @DisplayName("the value is kept as typed, bidi marks removed")
  void keepsText() {
    Session s = atInput();
    Session saved = new Session(s.version(), s.language(), s.flow(), s.step(), s.verified(), 0, false, false, 0,
        T0, 1, java.util.Map.of());
    Transition t = send(saved, "\u200FÁrbol\u200E");
    assertThat(t.replies().get(0).text()).startsWith("Thanks: Árbol");
  }

  @Test
  @DisplayName("a flow that requires the PIN sends an unverified session back to the PIN prompt")
  void requiresPin() {
    Session s = new Session(0, "en", "feedback", "ask", false, 0, false, false, 0, T0, 1, java.util.Map.of());
    Transition t = send(s, "hello");
    assertThat(t.replies().get(0).text()).isEqualTo("PIN:");
    assertThat(t.session().vars()).isEmpty();
    assertThat(t.session().step()).isEqualTo("pin");
  }
}
