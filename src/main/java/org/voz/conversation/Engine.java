package org.voz.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation engine: a pure function of (flows, session, inbound, now). It decides, in this
 * order: the idle timeout (first, so that no message keeps a stale verified conversation open),
 * opted-out silence, STOP, HELP, a locked record, media, the other reserved words, and finally the
 * answer to the step the conversation waits at.
 */
public final class Engine {

  private final Conversations conversations;
  private final Duration idleTimeout;
  private final StepRunner runner;

  public Engine(Conversations conversations, Duration idleTimeout, int maxPinAttempts) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxPinAttempts < 1) {
      throw new IllegalArgumentException("maxPinAttempts must be at least 1");
    }
    this.runner = new StepRunner(conversations, maxPinAttempts);
  }

  /** One inbound message from a known survivor. */
  public Transition step(Session session, Inbound inbound, Instant now, SurvivorView view, PinCheck pin) {
    Draft d = new Draft(session);
    boolean timedOut = idle(session, now);
    if (timedOut) {
      d.endConversation();
    }
    Optional<ReservedWord> word = conversations.reservedWords().classify(inbound.text());
    if (d.optedOut) {
      whileOptedOut(d, word.orElse(null), view);
    } else if (word.filter(w -> w == ReservedWord.STOP).isPresent()) {
      optOut(d);
    } else if (word.filter(w -> w == ReservedWord.HELP).isPresent()) {
      d.say(conversations.systemText("help", runner.language(d)));
    } else if (d.locked) {
      runner.lock(d);
    } else {
      converse(d, timedOut, inbound, word.orElse(null), view, pin);
    }
    return d.finish(now);
  }

  /**
   * A message from an address no survivor is enrolled with: a neutral reply that reveals nothing.
   * The session of the transition is a throw-away {@link Session#fresh} in the default language: the
   * shell must not store it.
   */
  public Transition unknownSender(Inbound inbound, Instant now) {
    String language = conversations.defaultLanguage();
    return new Transition(Session.fresh(language),
        java.util.List.of(Effect.Reply.of(conversations.systemText("unknown_sender", language))));
  }

  private void whileOptedOut(Draft d, ReservedWord word, SurvivorView view) {
    if (word == ReservedWord.START) {
      d.optedOut = false;
      d.say(conversations.systemText("start", runner.language(d)));
      runner.enterHome(d, view);
    } else if (word == ReservedWord.HELP) {
      d.say(conversations.systemText("help", runner.language(d)));
    }
  }

  private void optOut(Draft d) {
    d.optedOut = true;
    d.endConversation();
    d.say(conversations.systemText("stop", runner.language(d)));
  }

  private void converse(Draft d, boolean timedOut, Inbound in, ReservedWord word, SurvivorView view, PinCheck pin) {
    if (in.media() && in.text().isBlank()) {
      d.say(conversations.systemText("media", runner.language(d)));
      return;
    }
    if (word == ReservedWord.EXIT) {
      runner.quickExit(d);
      return;
    }
    if (timedOut) {
      d.say(conversations.systemText("timed_out", runner.language(d)));
    }
    if (word == ReservedWord.MENU || (!d.active() && word != ReservedWord.LANGUAGE)) {
      runner.enterHome(d, view);
    } else if (word == ReservedWord.LANGUAGE) {
      runner.enterFlow(d, Conversations.LANGUAGE, view);
    } else {
      runner.answer(d, in, view, pin);
    }
  }

  private boolean idle(Session session, Instant now) {
    return session.active() && session.lastActivity() != null
        && Duration.between(session.lastActivity(), now).compareTo(idleTimeout) > 0;
  }
}
