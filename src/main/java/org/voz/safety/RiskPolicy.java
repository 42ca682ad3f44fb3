package org.voz.safety;

import java.time.Duration;

/**
 * What one risk level changes in how Voz treats a survivor: a section of {@code risk} in the configuration (one per
 * level, every key documented there). The conversation engine reads it through the survivor's view, the use cases
 * through the same record; {@link WriteFirst} holds the rule of every message Voz sends on its own.
 *
 * @param writeFirst          whether Voz writes first on its own: a consent or file request's notice, a campaign
 *                            invitation, a "what we changed" update. false: only a notice the case manager sends
 * @param smsFallback         whether a message Voz writes first on WhatsApp may go by SMS (same number) when WhatsApp
 *                            cannot carry it (outside its window, no template), where SMS is a safe channel
 * @param idleTimeout         how long a conversation may rest before it closes; {@code null}: the conversation's own
 *                            ({@code conversation.idleTimeout})
 * @param duressPinRequired   whether enrolment at this level needs a duress PIN
 * @param contactWindowRequired whether the record needs a contact window of its own (enrolment and a change of
 *                            level refuse one without it; without it Voz does not write first)
 * @param invitationsOnSafeChannelOnly whether a campaign invitation goes only on the channel marked safe (the first
 *                            contact when none is marked), never falling back to another
 * @param urgentAlerts        whether every alert about the survivor carries {@code "urgent": true}
 * @param alertsToPhone       whether every alert about the survivor also reaches the case manager's own phone or chat
 *                            (as {@code alerts.notifyCaseManager} does for every survivor)
 * @param codesignInvitations whether a survey ends with the co-design invitation (false: skipped as if declined)
 */
public record RiskPolicy(boolean writeFirst, boolean smsFallback, Duration idleTimeout, boolean duressPinRequired,
    boolean contactWindowRequired, boolean invitationsOnSafeChannelOnly, boolean urgentAlerts, boolean alertsToPhone,
    boolean codesignInvitations) {

  /** Today's behaviour: the shipped {@code risk.low}. */
  public static final RiskPolicy LOW = new RiskPolicy(true, true, null, false, false, false, false, false, true);
  /** The shipped {@code risk.medium}: a contact window of their own, invitations only on the safe channel. */
  public static final RiskPolicy MEDIUM = new RiskPolicy(true, true, null, false, true, true, false, false, true);
  /**
   * The shipped {@code risk.high}: Voz never writes first unless the case manager sends it, no SMS fallback, 5 idle
   * minutes, a duress PIN, urgent alerts also to the case manager's phone, no co-design invitation.
   */
  public static final RiskPolicy HIGH = new RiskPolicy(false, false, Duration.ofMinutes(5), true, false, false, true,
      true, false);

  public RiskPolicy {
    if (idleTimeout != null && idleTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("idleTimeout must be at least PT1M");
    }
  }

  /** This level's idle timeout, or {@code conversation} when it sets none. */
  public Duration idleTimeout(Duration conversation) {
    return idleTimeout == null ? conversation : idleTimeout;
  }
}
