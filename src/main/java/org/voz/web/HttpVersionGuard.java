package org.voz.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request line of an HTTP version other than 1.0 and 1.1 ({@code GET / HTTP/2.0}, not the HTTP/2
 * preface, which Vert.x takes) with 505 and a JSON error, then closes the connection. Vert.x answers such a
 * line 501 Not Implemented, which reads as a fault of ours; 505 says the client spoke a version we do not.
 * Sits in each HTTP/1 connection's pipeline just before Vert.x's handler; costs one type check per message.
 */
final class HttpVersionGuard extends ChannelInboundHandlerAdapter {

  private static final byte[] BODY = "{\"error\":\"http_version_not_supported\",\"message\":\"use HTTP/1.1 or HTTP/2\"}"
      .getBytes(StandardCharsets.US_ASCII);

  private boolean refused;

  /** Adds the guard to an HTTP/1 connection (an HTTP/2 connection has no request line to refuse). */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channelHandlerContext().pipeline().get("handler") != null
        && connection.getClass().getSimpleName().startsWith("Http1x")) {
      base.channelHandlerContext().pipeline().addBefore("handler", "voz-version-guard", new HttpVersionGuard());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && !supported(request.protocolVersion())) {
      refused = true;
      ReferenceCountUtil.release(msg);
      DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Unpooled.wrappedBuffer(BODY));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length).set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else if (refused && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg); // the refused request's body
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private static boolean supported(HttpVersion version) {
    return version.majorVersion() == 1 && (version.minorVersion() == 0 || version.minorVersion() == 1);
  }
}
