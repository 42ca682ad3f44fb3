package org.voz.service;

import java.time.Clock;
import java.time.Duration;
import org.voz.conversation.Conversations;
import org.voz.conversation.Session;
import org.voz.conversation.StepRef;

/**
 * The nudge of a new request: it opens the conversation at main's PIN step, so the survivor's PIN is the
 * answer, unless they opted out, are locked, or are in the middle of a conversation (which will show the
 * request anyway). Its text names nothing.
 */
public final class ConversationNudge {

  private final Conversations conversations;
  private final Clock clock;
  private final Duration idleTimeout;

  public ConversationNudge(Conversations conversations, Clock clock, Duration idleTimeout) {
    this.conversations = conversations;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  public Session open(Session s) {
    return open(s, Conversations.MAIN);
  }

  /** As {@link #open(Session)}, at the PIN step that starts {@code flowId}. */
  public Session open(Session s, String flowId) {
    return open(s, flowId, idleTimeout);
  }

  /** As {@link #open(Session)}, for a survivor whose risk level has its own idle timeout ({@code policy}'s). */
  public Session open(Session s, org.voz.safety.RiskPolicy policy) {
    return open(s, Conversations.MAIN, policy.idleTimeout(idleTimeout));
  }

  private Session open(Session s, String flowId, Duration idle) {
    boolean talking = s.active() && s.lastActivity() != null
        && !s.lastActivity().plus(idle).isBefore(clock.instant());
    if (s.optedOut() || s.locked() || talking) {
      return null;
    }
    StepRef pin = conversations.start(flowId);
    return new Session(s.version(), s.language(), pin.flow(), pin.step(), false, s.pinFailures(), false, false, 0,
        clock.instant(), s.turns(), s.carriedOver());
  }

  public String text(String language) {
    return conversations.systemText("nudge", language);
  }
}
