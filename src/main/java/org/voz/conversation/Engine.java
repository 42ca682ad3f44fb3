package org.voz.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.List;

/**
 * The conversation engine: a pure function of (flows, session, inbound, now). It decides, in this
 * order: the idle timeout (the survivor's risk level's, else the configured one; first, so that no message keeps a
 * stale verified conversation open),
 * opted-out silence, STOP, HELP, a locked record, media, the other reserved words, and finally the
 * answer to the step the conversation waits at.
 */
public final class Engine {

  private final Conversations conversations;
  private final Duration idleTimeout;
  private final StepWalker walker;
  private final Answers answers;

  /**
   * How the engine is set up, each setting named: start from {@link #DEFAULTS} and change what differs,
   * e.g. {@code Engine.Options.DEFAULTS.withMaxPinAttempts(2)}.
   *
   * @param idleTimeout    how long a conversation may rest before the next message starts it over
   * @param maxPinAttempts wrong PINs in a row that lock the record (at least 1)
   * @param grantStatus    what a survivor's grant by chat gives: {@code granted} (in force at once) or
   *                       {@code granted_pending_confirmation} (in force once the case manager confirms it)
   * @param requestDue     how long the agency has to answer a file request: its due date is the request's
   *                       time plus this
   * @param codesign       the co-design invitation's consent item and compensation (survey flows)
   */
  public record Options(Duration idleTimeout, int maxPinAttempts, String grantStatus, Duration requestDue,
      CodesignOffer codesign) {

    /** Data-protection law gives one month to answer a request for a copy of one's own data. */
    public static final Duration DEFAULT_REQUEST_DUE = Duration.ofDays(30);

    /** The shipped configuration's values: 15 idle minutes, 5 PIN attempts, a grant in force at once. */
    public static final Options DEFAULTS = new Options(Duration.ofMinutes(15), 5, "granted", DEFAULT_REQUEST_DUE,
        CodesignOffer.DEFAULT);

    public Options {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      Objects.requireNonNull(grantStatus, "grantStatus");
      Objects.requireNonNull(requestDue, "requestDue");
      Objects.requireNonNull(codesign, "codesign");
      if (maxPinAttempts < 1) {
        throw new IllegalArgumentException("maxPinAttempts must be at least 1");
      }
    }

    public Options withIdleTimeout(Duration idleTimeout) {
      return new Options(idleTimeout, maxPinAttempts, grantStatus, requestDue, codesign);
    }

    public Options withMaxPinAttempts(int maxPinAttempts) {
      return new Options(idleTimeout, maxPinAttempts, grantStatus, requestDue, codesign);
    }

    public Options withGrantStatus(String grantStatus) {
      return new Options(idleTimeout, maxPinAttempts, grantStatus, requestDue, codesign);
    }

    public Options withRequestDue(Duration requestDue) {
      return new Options(idleTimeout, maxPinAttempts, grantStatus, requestDue, codesign);
    }

    public Options withCodesign(CodesignOffer codesign) {
      return new Options(idleTimeout, maxPinAttempts, grantStatus, requestDue, codesign);
    }
  }

  public Engine(Conversations conversations, Options options) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    Objects.requireNonNull(options, "options");
    this.idleTimeout = options.idleTimeout();
    RequestActions requests = new RequestActions(conversations, options.requestDue());
    this.walker = new StepWalker(conversations, requests, options.codesign());
    this.answers = new Answers(conversations, walker, options.maxPinAttempts(), options.grantStatus(), requests);
  }

  /** One inbound message from a known survivor. */
  public Transition step(Session session, Inbound inbound, Instant now, SurvivorView view, PinCheck pin) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(inbound, "inbound");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(pin, "pin");
    Draft d = new Draft(session, now);
    if (session.vars().containsKey(Answers.VAR_DURESS)) {
      view = view.emptied(); // a harmless, empty conversation
    }
    boolean timedOut = idle(session, now, view.policy().idleTimeout(idleTimeout));
    if (timedOut) {
      d.endConversation();
    }
    ReservedWord word = conversations.reservedWords().classify(inbound.text()).orElse(null);
    if (d.optedOut) {
      whileOptedOut(d, word, view);
    } else if (word == ReservedWord.STOP) {
      optOut(d);
    } else if (word == ReservedWord.HELP) {
      walker.saySystem(d, "help");
    } else if (d.locked && word == ReservedWord.EXIT) {
      walker.quickExit(d); // a quick exit leaves at once, locked or not
    } else if (d.locked) {
      walker.lock(d);
    } else {
      converse(d, timedOut, inbound, word, view, pin);
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
        List.of(Effect.Reply.of(conversations.systemText("unknown_sender", language))));
  }

  private void whileOptedOut(Draft d, ReservedWord word, SurvivorView view) {
    if (word == ReservedWord.START) {
      d.optedOut = false;
      walker.saySystem(d, "start");
      walker.enterHome(d, view);
    } else if (word == ReservedWord.HELP) {
      walker.saySystem(d, "help");
    }
  }

  private void optOut(Draft d) {
    d.optedOut = true;
    d.endConversation();
    walker.saySystem(d, "stop");
  }

  private void converse(Draft d, boolean timedOut, Inbound in, ReservedWord word, SurvivorView view, PinCheck pin) {
    if (in.media() && in.text().isBlank()) {
      walker.saySystem(d, "media");
      if (conversations.has(Conversations.MEDIA_OFFER)) {
        d.invalidCount = 0;
        walker.enter(d, Conversations.MEDIA_OFFER, view); // the offer of a person: a text is not the only way
      }
      return;
    }
    if (word == ReservedWord.EXIT) {
      walker.quickExit(d);
      return;
    }
    if (timedOut) {
      walker.saySystem(d, "timed_out");
    }
    if (word == ReservedWord.MENU || (!d.active() && word != ReservedWord.LANGUAGE)) {
      walker.enterHome(d, view);
    } else if (word == ReservedWord.LANGUAGE) {
      walker.enterFlow(d, Conversations.LANGUAGE, view);
    } else {
      answers.answer(d, in, view, pin);
    }
  }

  /** @param timeout the survivor's: their risk level's, or the configured one */
  private static boolean idle(Session session, Instant now, Duration timeout) {
    return session.active() && session.lastActivity() != null
        && Duration.between(session.lastActivity(), now).compareTo(timeout) > 0;
  }
}
