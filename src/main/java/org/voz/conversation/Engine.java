package org.voz.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * The conversation engine: a pure function of (flows, session, inbound, now). STUB: the engine work
 * replaces the body; the public signatures here are what the shell calls.
 */
public final class Engine {

  public Engine(Conversations conversations, Duration idleTimeout, int maxPinAttempts) {}

  /** One inbound message from a known survivor. */
  public Transition step(Session session, Inbound inbound, Instant now, SurvivorView view, PinCheck pin) {
    throw new UnsupportedOperationException("stub");
  }

  /** A message from an address no survivor is enrolled with: a neutral reply that reveals nothing. */
  public Transition unknownSender(Inbound inbound, Instant now) {
    throw new UnsupportedOperationException("stub");
  }
}
