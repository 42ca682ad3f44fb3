package org.voz.channel;

import io.vertx.core.Future;

/**
 * Sends a text to an address on one channel. Fails with {@link org.voz.dispatch.DeliveryException} to
 * tell a permanent failure from one worth retrying. Never blocks the event loop.
 */
public interface ChannelSender {
  Future<Void> send(String address, OutboundText text);
}
