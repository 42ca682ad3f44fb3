package org.voz.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each HTTP/1 connection's guard, in its pipeline just before Vert.x's handler:
 * <ul>
 *   <li>a request line of an HTTP version other than 1.0 and 1.1 ({@code GET / HTTP/2.0}, not the HTTP/2
 *       preface, which Vert.x takes) is answered 505 with a JSON error and the connection closed. Vert.x answers
 *       such a line 501 Not Implemented, which reads as a fault of ours; 505 says the client spoke a version we
 *       do not (a line of another protocol, {@code GET / FTP/1.0}, 400 instead of Vert.x's 501);</li>
 *   <li>a request whose line and headers have not all arrived {@code headerTimeout} after its first byte is
 *       dropped with its connection (a slow sender would otherwise hold the connection for as long as it
 *       trickles a byte before each idle timeout);</li>
 *   <li>past {@code maxConnections} open connections (all HTTP verticles together), a new one is closed at once.</li>
 * </ul>
 * Costs a type check per message, and a timer only for a request whose headers do not come in one read.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

  private static final byte[] BODY = "{\"error\":\"http_version_not_supported\",\"message\":\"use HTTP/1.1 or HTTP/2\"}"
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NOT_HTTP = "{\"error\":\"invalid_request\",\"message\":\"not an HTTP request\"}"
      .getBytes(StandardCharsets.US_ASCII);

  private final long headerTimeoutMillis;
  private final java.util.Map<String, String> securityHeaders;
  private boolean refused;
  /** Requests read whose response has not ended yet (HTTP/1.1 pipelining allows several). */
  private int underWay;
  /** Requests whose headers were read on this connection. */
  private long requests;
  private ScheduledFuture<?> headerTimer;

  private ConnectionGuard(long headerTimeoutMillis, java.util.Map<String, String> securityHeaders) {
    this.headerTimeoutMillis = headerTimeoutMillis;
    this.securityHeaders = securityHeaders;
  }

  /**
   * Guards an HTTP/1 connection (an HTTP/2 connection has no request line to refuse), or closes it when
   * {@code open} connections already reach {@code maxConnections}.
   */
  static void install(HttpConnection connection, Duration headerTimeout, AtomicInteger open, int maxConnections,
      java.util.Map<String, String> securityHeaders) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      connection.close();
      return;
    }
    connection.closeHandler(v -> open.decrementAndGet());
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (pipeline.get("handler") != null && pipeline.get("httpDecoder") != null
        && connection.getClass().getSimpleName().startsWith("Http1x")) {
      ConnectionGuard guard = new ConnectionGuard(headerTimeout.toMillis(), securityHeaders);
      pipeline.addBefore("httpDecoder", "voz-first-byte", guard.new FirstByte());
      pipeline.addBefore("handler", "voz-connection-guard", guard);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
  }

  /**
   * Sees the raw bytes, before the HTTP decoder: the first byte of a request (with none under way) starts
   * the header timeout. A kept-alive connection waiting between requests is only idle (the idle timeout's
   * business): a proxy that reuses it after a quiet spell must find it open.
   */
  private final class FirstByte extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext raw, Object msg) {
      boolean starts = underWay == 0 && headerTimer == null && msg instanceof ByteBuf bytes && bytes.isReadable();
      long seen = requests;
      raw.fireChannelRead(msg); // the decoder runs now: a request whose headers came whole needs no timer
      if (starts && requests == seen && headerTimer == null && raw.channel().isActive()) {
        headerTimer = raw.executor().schedule(() -> raw.close(), headerTimeoutMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void cancelTimer() {
    if (headerTimer != null) {
      headerTimer.cancel(false);
      headerTimer = null;
    }
  }

  /** A response ends: one request fewer under way on this connection. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent && !informational(msg) && underWay > 0) {
      underWay--;
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      requests++;
      underWay++;
      cancelTimer();
    }
    if (msg instanceof HttpRequest request && !supported(request.protocolVersion())) {
      refused = true;
      ReferenceCountUtil.release(msg);
      boolean http = "HTTP".equals(request.protocolVersion().protocolName());
      byte[] body = http ? BODY : NOT_HTTP;
      DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          http ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST,
          Unpooled.wrappedBuffer(body));
      securityHeaders.forEach(response.headers()::set); // what every answer carries (SecurityHeaders)
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else if (refused && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg); // the refused request's body
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  /** A 100 Continue ends no request: its body is still to come. */
  private static boolean informational(Object msg) {
    return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
  }

  private static boolean supported(HttpVersion version) {
    return "HTTP".equals(version.protocolName()) && version.majorVersion() == 1
        && (version.minorVersion() == 0 || version.minorVersion() == 1);
  }
}
