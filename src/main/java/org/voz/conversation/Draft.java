package org.voz.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The session being changed during one step, and the effects gathered so far. Not shared. */
final class Draft {

  private final Session before;
  String language;
  String flow;
  String step;
  boolean verified;
  int pinFailures;
  boolean locked;
  boolean optedOut;
  int invalidCount;
  final Map<String, String> vars;
  final List<String> parts = new ArrayList<>();
  /** The choices of the step the survivor is asked last (empty: none), said after every part as structure. */
  private List<Choice> choices = List.of();
  /** Whether those choices are a choice step's menu. */
  private boolean menu;
  final List<Effect> effects = new ArrayList<>();
  /** Consents changed during this step, id to new status: what the survivor sees before the shell commits. */
  final Map<String, String> changed = new LinkedHashMap<>();
  /** File requests opened during this step: what the survivor sees before the shell commits. */
  final List<org.voz.requests.FileRequest> opened = new ArrayList<>();
  /** The time of the message being answered. */
  final Instant now;
  /** Something was said while verified (the reply may show personal data), or the reply answers a PIN attempt. */
  private boolean sensitive;
  /** A verified conversation ended during this step. */
  private boolean endedVerified;

  Draft(Session s, Instant now) {
    this.now = now;
    before = s;
    language = s.language();
    flow = s.flow();
    step = s.step();
    verified = s.verified();
    pinFailures = s.pinFailures();
    locked = s.locked();
    optedOut = s.optedOut();
    invalidCount = s.invalidCount();
    vars = new LinkedHashMap<>(s.vars());
  }

  /** The number of the inbound message being answered (the session's turns after this step). */
  long turn() {
    return before.turns() + 1;
  }

  boolean active() {
    return flow != null;
  }

  StepRef current() {
    return flow == null || step == null ? null : new StepRef(flow, step);
  }

  void waitAt(StepRef ref) {
    flow = ref.flow();
    step = ref.step();
  }

  /** The conversation is over: nothing of it survives but the PIN failures and the flags. */
  void endConversation() {
    endedVerified |= verified;
    flow = null;
    step = null;
    verified = false;
    invalidCount = 0;
    vars.clear();
  }

  /** The inbound message was a PIN attempt: the reply is sensitive (so that it, and the attempt, are deleted). */
  void answersPin() {
    sensitive = true;
  }

  void say(String text) {
    if (!choices.isEmpty()) {
      // said after a step that asks (no step does this): its choices stay where they were said, as lines
      parts.set(parts.size() - 1, Prompts.numbered(parts.get(parts.size() - 1), choices));
      choices = List.of();
      menu = false;
    }
    sensitive |= verified;
    parts.add(text);
  }

  /**
   * The prompt of the step the survivor is to answer, and the choices it offers: the last thing said in a step,
   * so the reply carries them as structure, after everything said before ({@link Effect.Reply}).
   */
  void ask(String prompt, List<Choice> choices, boolean menu) {
    say(prompt);
    this.choices = List.copyOf(choices);
    this.menu = menu;
  }

  /**
   * The new session and the effects; the reply (if anything was said) comes first. A verified conversation
   * that ended with nothing sensitive left to read (quick exit, STOP, timeout) asks the shell to
   * {@link Effect.ForgetShown forget} what it showed.
   */
  Transition finish(Instant now) {
    Session after = new Session(before.version(), language, flow, step, verified, pinFailures, locked,
        optedOut, invalidCount, now, before.turns() + 1, vars);
    List<Effect> all = new ArrayList<>();
    String prompt = Prompts.join(parts);
    if (!prompt.isEmpty() || !choices.isEmpty()) {
      all.add(new Effect.Reply(prompt, choices, menu, sensitive));
    }
    all.addAll(effects);
    if (endedVerified && !sensitive) {
      all.add(new Effect.ForgetShown());
    }
    return new Transition(after, all);
  }
}
