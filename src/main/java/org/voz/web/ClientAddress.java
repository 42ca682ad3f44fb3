package org.voz.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The client's address, for counting failures per address (kept and logged only as a keyed hash): the TCP peer, or
 * behind a reverse proxy the last entry of the header it sets ({@code console.clientAddressHeader}: the entry the
 * nearest proxy added, which the client cannot forge).
 */
public final class ClientAddress {

  private ClientAddress() {}

  /** @param header the proxy's header ({@code X-Forwarded-For}, {@code X-Real-IP}); empty: the TCP peer */
  public static String of(RoutingContext ctx, String header) {
    if (header != null && !header.isBlank()) {
      String value = ctx.request().getHeader(header.strip());
      if (value != null && !value.isBlank()) {
        String[] hops = value.split(",");
        return hops[hops.length - 1].strip();
      }
    }
    var peer = ctx.request().remoteAddress();
    return peer == null || peer.hostAddress() == null ? "" : peer.hostAddress();
  }
}
