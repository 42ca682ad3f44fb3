package org.voz.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.Refusal;
import org.voz.store.Redis;

/**
 * The HTTP edge: webhooks, staff API, health, metrics and (in dev) the simulator. Routes come from the
 * components; this verticle adds what every route shares: the body limit and one failure handler.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /** Twilio sends about twenty fields (WhatsApp media, up to ten, two each, more): a form with more is not one. */
  static final int MAX_FORM_FIELDS = 128;

  private final HttpOptions options;
  private final MetricsOptions metrics;
  private final boolean production;
  private final java.util.Map<String, String> securityHeaders;
  private final AtomicInteger openConnections;
  private final Redis redis;
  private final org.voz.service.KeyHealth keyHealth;
  private final PrometheusMeterRegistry registry;
  private final Consumer<Router> routes;
  private HttpServer server;

  /**
   * @param openConnections the connections open on every instance of this verticle (their cap is shared)
   * @param production      whether {@code VOZ_ENV=production} (HSTS)
   */
  /** @param keyHealth readiness also fails (503, its reason code) while the data keys do not open the canary */
  public HttpVerticle(HttpOptions options, MetricsOptions metrics, boolean production, AtomicInteger openConnections,
      Redis redis, PrometheusMeterRegistry registry, Consumer<Router> routes, org.voz.service.KeyHealth keyHealth) {
    this.keyHealth = keyHealth;
    this.options = options;
    this.metrics = metrics;
    this.production = production;
    this.securityHeaders = SecurityHeaders.of(production);
    this.openConnections = openConnections;
    this.redis = redis;
    this.registry = registry;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
    // a document upload has its own, larger limit (RequestsApi reads its body)
    router.route().handler(ctx -> {
      edgeHeaders(ctx);
      try {
        // decoded here, once (every route reads the parameters, the body handler merges a form into them): a
        // query string with a bad escape thrown later, from the end of a form body, answered nothing at all
        ctx.request().params();
      } catch (IllegalArgumentException e) {
        // answered here, not failed: failure routing matches the routes again, and a route with path parameters
        // decodes the query once more while matching, outside any handler ("Unhandled exception in router")
        LOG.debug("request refused method={} path={} status=400 (query string)", ctx.request().method(), loggedPath(ctx), e);
        ApiError.send(ctx, 400, "invalid_request", "the query string cannot be read", null);
        return;
      }
      if (org.voz.web.api.RequestsApi.ownBody(ctx.request().path())
          || org.voz.web.console.CaseworkPages.ownBody(ctx.request().path())) {
        ctx.request().pause(); // held until its own body handler, after the (asynchronous) authentication
        ctx.next();
      } else {
        try {
          body.handle(ctx);
        } catch (IllegalStateException e) {
          ctx.fail(400, e); // a form body on a method that carries none (GET, HEAD, TRACE): Vert.x will not read it
        }
      }
    });
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    if (!metrics.ownPort()) {
      router.get("/metrics").handler(this::scrape);
    }
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml").sendFile("openapi/voz.yaml"));
    routes.accept(router);
    router.route().last().handler(ctx -> ApiError.send(ctx, 404, "not_found", "no such endpoint", null));
    router.route().failureHandler(this::fail);
    // a path Vert.x cannot match (a bad percent escape) fails before any route: the same JSON error, no log line
    router.errorHandler(400, ctx -> ApiError.send(ctx, 400, "invalid_request", "the request path cannot be read", null));
    Future<HttpServer> listening = vertx.createHttpServer(serverOptions(options))
        .connectionHandler(connection -> ConnectionGuard.install(connection, options.headerTimeout(), openConnections,
            options.maxConnections(), securityHeaders))
        .requestHandler(router)
        .listen(options.port())
        .onSuccess(s -> server = s);
    return metrics.ownPort() ? listening.compose(s -> metricsServer()) : listening;
  }

  /** {@code /metrics} alone on a port of its own ({@code metrics.port}): nothing else answers there. */
  private Future<HttpServer> metricsServer() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      edgeHeaders(ctx);
      ctx.next();
    });
    router.get("/metrics").handler(this::scrape);
    router.route().last().handler(ctx -> ApiError.send(ctx, 404, "not_found", "no such endpoint", null));
    router.errorHandler(400, ctx -> ApiError.send(ctx, 400, "invalid_request", "the request cannot be read", null));
    return vertx.createHttpServer(serverOptions(options)).requestHandler(router).listen(metrics.port());
  }

  /** Prometheus text, for the bearer of {@code metrics.token} when one is set (compared in constant time). */
  private void scrape(RoutingContext ctx) {
    if (!metrics.token().isEmpty() && !bearerMatches(ctx.request().getHeader("Authorization"), metrics.token())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ApiError.send(ctx, 401, "unauthorized", "the metrics token is required", null);
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  private static boolean bearerMatches(String header, String token) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return java.security.MessageDigest.isEqual(header.substring(7).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@link SecurityHeaders}, on every answer whatever route makes it (a route may set a page's own CSP after this). */
  private void edgeHeaders(RoutingContext ctx) {
    var headers = ctx.response().headers();
    securityHeaders.forEach(headers::set);
  }

  /**
   * The server's own limits. A form field may be as large as the body: Twilio's largest message (1,600
   * characters) in a non-Latin script is up to 19,200 bytes once percent-encoded (four UTF-8 bytes, three characters each), past Vert.x's
   * default of 8,192, and a field over the limit would lose a survivor's message (Twilio does not retry).
   */
  static HttpServerOptions serverOptions(HttpOptions options) {
    return new HttpServerOptions().setMaxFormAttributeSize(options.maxBodyBytes()).setMaxFormFields(MAX_FORM_FIELDS)
        .setIdleTimeout((int) options.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        // no HTTP/2 in clear text: Twilio, Telegram and browsers reach Voz over HTTP/1.1 (TLS ends at the proxy),
        // and with it each connection waits for its first request before it is set up, out of the header timeout
        .setHttp2ClearTextEnabled(false);
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void ready(RoutingContext ctx) {
    redis.ping()
        .otherwise(false)
        .compose(up -> !up ? Future.succeededFuture(new JsonObject().put("status", "DOWN").put("redis", "DOWN"))
            : keyHealth.check().otherwise(keyHealth.problem()).map(problem -> problem == null
                ? new JsonObject().put("status", "UP").put("redis", "UP").put("keys", "UP")
                : new JsonObject().put("status", "DOWN").put("redis", "UP").put("keys", "DOWN").put("reason", problem)))
        .onSuccess(body -> ctx.response()
            .setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
            .putHeader("Content-Type", "application/json")
            .end(body.encode()));
  }

  /**
   * The one place a failed request is answered: a {@link Refusal} (an {@link ApiError} among them) as it says; input the HTTP layer could not
   * read (a form it cannot decode, too many or too long fields, a body over the limit) as a 4xx JSON error,
   * never a 5xx (Twilio does not retry one, and the message would be lost); anything else 503. A failure is
   * logged by its exception classes only ({@code logback.xml}): decoders quote the body in their messages.
   */
  private void fail(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (ctx.response().closed()) {
      // the client went away (mid-body, say): nobody to answer, and nothing of ours failed
      LOG.debug("request abandoned by the client method={} path={}", ctx.request().method(), loggedPath(ctx), failure);
    } else if (failure instanceof Refusal refused) {
      ApiError.send(ctx, refused);
    } else if (failure instanceof org.voz.service.KeyHealth.Unavailable keys) {
      LOG.warn("request refused method={} path={} reason={}", ctx.request().method(), loggedPath(ctx), keys.reason());
      ApiError.send(ctx, 503, keys.reason(), "the service cannot open its data now; try again", null);
    } else if (status == 413 || tooLarge(failure)) {
      ApiError.send(ctx, 413, "too_large", "the body exceeds " + options.maxBodyBytes() + " bytes or " + MAX_FORM_FIELDS
          + " form fields", null);
    } else if (status >= 400 && status < 500 || malformedFraming(failure)) {
      LOG.debug("request refused method={} path={} status={}", ctx.request().method(), loggedPath(ctx), status,
          failure);
      int answer = status >= 400 && status < 500 ? status : 400;
      ApiError.send(ctx, answer, "invalid_request", "the request cannot be read", null);
    } else {
      LOG.error("request failed method={} path={}", ctx.request().method(), loggedPath(ctx), failure);
      ApiError.send(ctx, 503, "unavailable", "the service cannot answer now; try again", null);
    }
  }

  /**
   * The path as it came (its escapes undecoded: a bad one made the failure handler itself fail), without a
   * document link's or a console invitation's token (one-time secrets).
   */
  private static String loggedPath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.startsWith("/console/invite/")) {
      return "/console/invite/{token}";
    }
    return path.startsWith("/d/") ? "/d/{token}" : path;
  }

  /** Netty could not read the request's framing (a chunk size that is not a number, say): the client's fault. */
  private static boolean malformedFraming(Throwable failure) {
    if (failure == null || failure.getStackTrace().length == 0) {
      return false;
    }
    return failure instanceof io.netty.handler.codec.DecoderException
        || failure.getStackTrace()[0].getClassName().startsWith("io.netty.handler.codec.http.");
  }

  private static boolean tooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpPostRequestDecoder.TooManyFormFieldsException
          || t instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
        return true;
      }
    }
    return false;
  }
}
