package org.voz.app;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one JSON error shape: {@code {"error": "...", "message": "...", "field": "..."}}. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(400, "invalid_request", message, field);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message, null);
  }

  public int status() {
    return status;
  }

  public void send(RoutingContext ctx) {
    send(ctx, status, code, getMessage(), field);
  }

  public static void send(RoutingContext ctx, int status, String code, String message, String field) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body = new JsonObject().put("error", code).put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
