package org.voz.app;

/**
 * Send slots at a fixed rate: each call gets the next one, {@code 1/perSecond} s after the previous, or now
 * if the previous is past (an idle spell is not made up for with a burst). Safe from several threads.
 */
final class SendSlots {

  private final long stepMicros;
  private long nextMicros;

  SendSlots(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("feedback.invitations.perSecond must be at least 1");
    }
    this.stepMicros = 1_000_000L / perSecond;
  }

  /** The next slot (epoch ms) at or after {@code nowMillis}. */
  synchronized long next(long nowMillis) {
    long slot = Math.max(nowMillis * 1000, nextMicros);
    nextMicros = slot + stepMicros;
    return slot / 1000;
  }
}
