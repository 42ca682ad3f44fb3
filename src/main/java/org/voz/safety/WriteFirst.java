package org.voz.safety;

import java.util.List;
import java.util.Optional;
import org.voz.contact.ChannelId;

/**
 * Whether, and on which of a survivor's contacts, Voz may send a message of its own (one that answers nothing the
 * survivor wrote): the one rule every such message goes through, under the survivor's {@link RiskPolicy} and
 * {@link ContactWindow}. Replies are never held back by it. Pure.
 */
public final class WriteFirst {

  /** Why Voz would write. */
  public enum Purpose {
    /** A new consent request, a file request's news or its one-time link. */
    REQUEST_NOTICE,
    /** A campaign's invitation to a survey. */
    INVITATION,
    /** A coordinator's "what we changed". */
    UPDATE,
    /** A notice the case manager sends on purpose: the only one a policy that never writes first lets through. */
    CASE_MANAGER
  }

  /**
   * Where to send it.
   *
   * @param contact     the index of the contact in the survivor's list
   * @param smsFallback whether a WhatsApp message may go by SMS to the same number when WhatsApp cannot carry it
   */
  public record Route(int contact, boolean smsFallback) {}

  private WriteFirst() {}

  /**
   * @param channels  the channels of the survivor's contacts, in their order
   * @param window    the survivor's contact window (their own, or the configured default)
   * @param ownWindow whether the survivor has a window of their own (not the configured default)
   * @return the contact to write on, or empty: nothing is sent
   */
  public static Optional<Route> route(RiskPolicy policy, Purpose purpose, List<String> channels, ContactWindow window,
      boolean ownWindow) {
    if (purpose != Purpose.CASE_MANAGER && (!policy.writeFirst() || policy.contactWindowRequired() && !ownWindow)) {
      return Optional.empty();
    }
    if (purpose == Purpose.INVITATION && policy.invitationsOnSafeChannelOnly()) {
      // the channel marked safe, or the first contact's when none is marked; no other channel to fall back on
      int safe = window.channels().isEmpty() ? (channels.isEmpty() ? -1 : 0) : first(channels, window.channels()::contains);
      boolean sms = policy.smsFallback() && window.channels().contains(ChannelId.SMS.value());
      return safe < 0 ? Optional.empty() : Optional.of(new Route(safe, sms));
    }
    int first = first(channels, window::allows);
    return first < 0 ? Optional.empty()
        : Optional.of(new Route(first, policy.smsFallback() && window.allows(ChannelId.SMS)));
  }

  private static int first(List<String> channels, java.util.function.Predicate<String> allowed) {
    for (int i = 0; i < channels.size(); i++) {
      if (allowed.test(channels.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
