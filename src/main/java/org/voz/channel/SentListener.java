package org.voz.channel;

import io.vertx.core.Future;
import java.util.List;
import org.voz.dispatch.OutboundText;
import org.voz.store.OutboxEntry;

/**
 * Told, after an outbox entry went out, the provider's ids of what it sent (to delete sensitive Telegram
 * messages later, or to follow Twilio's status callbacks back to the entry). A failure here is logged by the
 * caller and never fails the delivery: the message is out, sending it again would be worse.
 */
@FunctionalInterface
public interface SentListener {

  SentListener NONE = (entry, address, text, ids) -> Future.succeededFuture();

  Future<Void> sent(OutboxEntry entry, String address, OutboundText text, List<String> ids);

  /** This listener, then {@code next} whatever this one did; fails if either failed. */
  default SentListener andThen(SentListener next) {
    if (next == NONE || this == NONE) {
      return this == NONE ? next : this;
    }
    return (entry, address, text, ids) -> sent(entry, address, text, ids)
        .transform(first -> next.sent(entry, address, text, ids)
            .compose(v -> first.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(first.cause())));
  }
}
