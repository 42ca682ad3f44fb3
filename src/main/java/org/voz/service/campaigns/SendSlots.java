package org.voz.service.campaigns;

/**
 * Send slots at a fixed rate: each call gets the next one, {@code 1/perSecond} s after the previous, or now
 * if the previous is past (an idle spell is not made up for with a burst). Safe from several threads. Kept in
 * memory, per instance: after a restart, or on another instance fanning out another campaign, the slots start
 * again from now, beside nudges still waiting for their slots (the rate then adds up).
 */
public final class SendSlots {

  private final int perSecond;
  private long start;
  private long count;

  public SendSlots(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("feedback.invitations.perSecond must be at least 1");
    }
    this.perSecond = perSecond;
  }

  /** The next slot (epoch ms) at or after {@code nowMillis}: the k-th of a run is its start + k/perSecond s. */
  public synchronized long next(long nowMillis) {
    long slot = start + count * 1000 / perSecond;
    if (slot < nowMillis) {
      start = nowMillis;
      count = 0;
      slot = nowMillis;
    }
    count++;
    return slot;
  }
}
