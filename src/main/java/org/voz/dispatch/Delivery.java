package org.voz.dispatch;

import io.vertx.core.Future;
import java.util.List;
import org.voz.store.OutboxEntry;

/**
 * Sends one outbox entry (unseals it, picks the channel). Fails with {@link DeliveryException} to say
 * whether the dispatcher should retry.
 */
@FunctionalInterface
public interface Delivery {

  Future<Void> deliver(OutboxEntry entry);

  /**
   * Delivers, and tells {@code confirmed} as soon as the provider accepted the send, before whatever the delivery
   * still does after it (recording what was sent): the dispatcher then settles the entry at once, so a crash
   * after that moment cannot send it twice. A delivery that completes successfully counts as confirmed in any
   * case; this default confirms at completion.
   */
  default Future<Void> deliver(OutboxEntry entry, Confirmation confirmed) {
    return deliver(entry);
  }

  /**
   * Delivers an entry that may have been sent before, by an attempt begun at or after {@code since} whose outcome
   * is unknown (read again after a restart or a reconnection, taken over from another instance, or retried): a
   * channel that can ask its provider whether it already has the message settles it without sending it again
   * ({@link org.voz.channel.ChannelSender#sendAgain}). By default, delivered as a first attempt.
   */
  default Future<Void> deliverAgain(OutboxEntry entry, Confirmation confirmed, java.time.Instant since) {
    return deliver(entry, confirmed);
  }

  /** Told, once, that the provider accepted an entry's send; may be called on any thread. */
  @FunctionalInterface
  interface Confirmation {
    /** @param providerIds what the provider calls the messages it accepted (Twilio SIDs, Telegram message ids) */
    void sent(List<String> providerIds);

    Confirmation NONE = ids -> { };
  }
}
