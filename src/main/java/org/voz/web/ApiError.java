package org.voz.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.voz.service.Refusal;

/**
 * The one JSON error shape: {@code {"error": "...", "message": "...", "field": "..."}}. A {@link Refusal} from a
 * use case is answered with the status of its kind; an edge refuses with an {@code ApiError}, a refusal named
 * by its HTTP status.
 */
public final class ApiError extends Refusal {

  private final int status;

  public ApiError(int status, String code, String message, String field) {
    super(kindOf(status), code, message, field);
    this.status = status;
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

  /** The HTTP status a refusal of this kind is answered with. */
  public static int statusOf(Refusal refusal) {
    if (refusal instanceof ApiError error) {
      return error.status;
    }
    return switch (refusal.kind()) {
      case INVALID -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED -> 415;
    };
  }

  private static Refusal.Kind kindOf(int status) {
    return switch (status) {
      case 403 -> Refusal.Kind.FORBIDDEN;
      case 404 -> Refusal.Kind.NOT_FOUND;
      case 409 -> Refusal.Kind.CONFLICT;
      case 413 -> Refusal.Kind.TOO_LARGE;
      case 415 -> Refusal.Kind.UNSUPPORTED;
      default -> Refusal.Kind.INVALID;
    };
  }

  /** Answers a refusal (an {@code ApiError} or a use case's) as JSON. */
  public static void send(RoutingContext ctx, Refusal refusal) {
    send(ctx, statusOf(refusal), refusal.code(), refusal.getMessage(), refusal.field());
  }

  public void send(RoutingContext ctx) {
    send(ctx, this);
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
