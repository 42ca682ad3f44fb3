package org.voz.dispatch;

import io.vertx.core.Future;
import org.voz.store.OutboxEntry;

/**
 * Sends one outbox entry (unseals it, picks the channel). Fails with {@link DeliveryException} to say
 * whether the dispatcher should retry.
 */
@FunctionalInterface
public interface Delivery {
  Future<Void> deliver(OutboxEntry entry);
}
