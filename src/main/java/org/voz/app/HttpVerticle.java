package org.voz.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.store.Redis;

/**
 * The HTTP edge: webhooks, staff API, health, metrics and (in dev) the simulator. Routes come from the
 * components; this verticle adds what every route shares: the body limit and one failure handler.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

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
      if (org.voz.staff.RequestsApi.ownBody(ctx.request().path())) {
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
    return vertx.createHttpServer().requestHandler(router).listen(port).onSuccess(s -> server = s);
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

  private void fail(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError error) {
      error.send(ctx);
    } else if (ctx.statusCode() == 413) {
      ApiError.send(ctx, 413, "too_large", "the body exceeds " + maxBodyBytes + " bytes", null);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      ApiError.send(ctx, ctx.statusCode(), "invalid_request", "the request cannot be processed", null);
    } else {
      LOG.error("request failed method={} path={} error={}", ctx.request().method(), ctx.normalizedPath(),
          failure == null ? ctx.statusCode() : failure.getClass().getName() + ": " + failure.getMessage());
      ApiError.send(ctx, 503, "unavailable", "the service cannot answer now; try again", null);
    }
  }
}
