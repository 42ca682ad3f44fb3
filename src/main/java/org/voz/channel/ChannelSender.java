package org.voz.channel;

import io.vertx.core.Future;
import org.voz.dispatch.OutboundText;

/**
 * Sends a text to an address on one channel. Fails with {@link org.voz.dispatch.DeliveryException} to
 * tell a permanent failure from one worth retrying. Never blocks the event loop.
 */
public interface ChannelSender {
  /**
   * Sends {@code text}; completes with the provider's ids of the messages that went out, in order (Twilio
   * MessageSids, Telegram message_ids; a long SMS is several), or an empty list when the channel has none.
   */
  Future<java.util.List<String>> send(String address, OutboundText text);
}
