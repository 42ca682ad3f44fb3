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

  private final int port;
  private final int maxBodyBytes;
  private final Redis redis;
  private final PrometheusMeterRegistry registry;
  private final Consumer<Router> routes;
  private HttpServer server;

  public HttpVerticle(int port, int maxBodyBytes, Redis redis, PrometheusMeterRegistry registry, Consumer<Router> routes) {
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.redis = redis;
    this.registry = registry;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    // a document upload has its own, larger limit (RequestsApi reads its body)
    router.route().handler(ctx -> {
      if (org.voz.web.api.RequestsApi.ownBody(ctx.request().path())) {
        ctx.request().pause(); // held until its own body handler, after the (asynchronous) authentication
        ctx.next();
      } else {
        body.handle(ctx);
      }
    });
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml").sendFile("openapi/voz.yaml"));
    routes.accept(router);
    router.route().last().handler(ctx -> ApiError.send(ctx, 404, "not_found", "no such endpoint", null));
    router.route().failureHandler(this::fail);
    // a path Vert.x cannot match (a bad percent escape) fails before any route: the same JSON error, no log line
    router.errorHandler(400, ctx -> ApiError.send(ctx, 400, "invalid_request", "the request path cannot be read", null));
    return vertx.createHttpServer(serverOptions(maxBodyBytes))
        .connectionHandler(HttpVersionGuard::install)
        .requestHandler(router)
        .listen(port)
        .onSuccess(s -> server = s);
  }

  /**
   * A form field may be as large as the body: Twilio's largest message (1,600 characters) in a non-Latin
   * script is up to 19,200 bytes once percent-encoded (four UTF-8 bytes, three characters each), past Vert.x's
   * default of 8,192, and a field over the limit would lose a survivor's message (Twilio does not retry).
   */
  static HttpServerOptions serverOptions(int maxBodyBytes) {
    return new HttpServerOptions().setMaxFormAttributeSize(maxBodyBytes).setMaxFormFields(MAX_FORM_FIELDS);
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void ready(RoutingContext ctx) {
    redis.ping()
        .otherwise(false)
        .onSuccess(up -> ctx.response()
            .setStatusCode(up ? 200 : 503)
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("redis", up ? "UP" : "DOWN").encode()));
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
    if (failure instanceof Refusal refused) {
      ApiError.send(ctx, refused);
    } else if (status == 413 || tooLarge(failure)) {
      ApiError.send(ctx, 413, "too_large", "the body exceeds " + maxBodyBytes + " bytes or " + MAX_FORM_FIELDS
          + " form fields", null);
    } else if (status >= 400 && status < 500) {
      LOG.debug("request refused method={} path={} status={}", ctx.request().method(), loggedPath(ctx), status,
          failure);
      ApiError.send(ctx, status, "invalid_request", "the request cannot be read", null);
    } else {
      LOG.error("request failed method={} path={}", ctx.request().method(), loggedPath(ctx), failure);
      ApiError.send(ctx, 503, "unavailable", "the service cannot answer now; try again", null);
    }
  }

  /** The path without a document link's token (a one-time secret). */
  private static String loggedPath(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    return path.startsWith("/d/") ? "/d/{token}" : path;
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
