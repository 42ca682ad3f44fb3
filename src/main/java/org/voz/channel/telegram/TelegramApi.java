package org.voz.channel.telegram;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * The Telegram Bot API over Vert.x {@link WebClient}: {@code POST <apiBase>/bot<token>/<method>} with a
 * JSON body; the {@code result} on {@code "ok": true}, else a {@link Failure}. The URL holds the bot token:
 * it is never logged, and no failure carries it.
 */
public final class TelegramApi {

  private static final long TIMEOUT_MS = 15_000;

  private final WebClient client;
  private final String base;
  private final String token;

  /** @param apiBase {@code https://api.telegram.org} or a test stub (TELEGRAM_API_BASE) */
  public TelegramApi(WebClient client, String apiBase, String token) {
    this.client = client;
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    this.token = token == null ? "" : token;
  }

  public boolean configured() {
    return !token.isBlank();
  }

  /** Calls {@code method}; fails with {@link Failure} (status 0 when Telegram could not be reached). */
  public Future<Object> call(String method, JsonObject body) {
    return call(method, body, TIMEOUT_MS);
  }

  /** As {@link #call(String, JsonObject)}, waiting up to {@code timeoutMs} (a long poll waits longer than a send). */
  public Future<Object> call(String method, JsonObject body, long timeoutMs) {
    if (!configured()) {
      return Future.failedFuture(new Failure(method, 0, "no bot token configured", null));
    }
    return client.postAbs(base + "/bot" + token + "/" + method)
        .timeout(timeoutMs)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.encode()))
        .recover(e -> Future.failedFuture(new Failure(method, 0, "unreachable: " + e.getClass().getSimpleName(), null)))
        .compose(response -> outcome(method, response));
  }

  private static Future<Object> outcome(String method, HttpResponse<Buffer> response) {
    JsonObject json = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300 && json != null && json.getBoolean("ok", false)) {
      return Future.succeededFuture(json.getValue("result"));
    }
    String description = json == null ? "no JSON answer" : json.getString("description", "no description");
    return Future.failedFuture(new Failure(method, status, description, retryAfter(json, response)));
  }

  private static Duration retryAfter(JsonObject json, HttpResponse<Buffer> response) {
    JsonObject parameters = json == null ? null : json.getJsonObject("parameters");
    Object seconds = parameters == null ? null : parameters.getValue("retry_after");
    if (seconds instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    String header = response.getHeader("Retry-After");
    try {
      return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonObject parse(Buffer body) {
    try {
      return body == null || body.length() == 0 ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** A Bot API call that did not succeed: HTTP status (0: unreachable), Telegram's description, its retry_after. */
  public static final class Failure extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    public Failure(String method, int status, String description, Duration retryAfter) {
      super("telegram " + method + " answered " + status + ": " + description, null, false, false);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    public int status() {
      return status;
    }

    /** Telegram's {@code parameters.retry_after} (or a Retry-After header), or {@code null}. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
