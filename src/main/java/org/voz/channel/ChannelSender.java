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

  /**
   * Sends {@code text} again after an attempt whose outcome is unknown (the process died, or the connection
   * dropped, between the send and its settling; or the provider's answer never came), which began at or after
   * {@code since}: a channel that can ask its provider what it already has completes, without sending them again,
   * with the ids of the parts the provider has, and sends only the rest. A failed question must not hold up the
   * send. By default (a provider with no such question, e.g. Telegram's Bot API): sent as by {@link #send}.
   */
  default Future<java.util.List<String>> sendAgain(String address, OutboundText text, java.time.Instant since) {
    return send(address, text);
  }
}
