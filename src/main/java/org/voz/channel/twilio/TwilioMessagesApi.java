package org.voz.channel.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Twilio's Messages API without the SDK: {@code POST <apiBase>/2010-04-01/Accounts/<sid>/Messages.json},
 * form-encoded, HTTP basic auth with the account SID and auth token, on the caller's event loop (the SDK
 * blocks a worker thread per send and costs several times the CPU). The future succeeds on a 2xx (the body
 * is not parsed then: nothing needs it), or fails with {@link Failure} (Twilio's HTTP status and error code)
 * or the connection's error.
 */
public final class TwilioMessagesApi {

  /** Longest wait for Twilio's answer; the outbox's delivery timeout (30 s) covers it and a rate-limit wait. */
  static final int TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final RequestOptions target;
  private final String authorization;

  public TwilioMessagesApi(Vertx vertx, String accountSid, String authToken, String apiBase) {
    String base = RebasedHttpClient.isDefault(apiBase) ? "https://api.twilio.com" : apiBase.replaceAll("/+$", "");
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(60).setUserAgent("voz"));
    // parsed once here rather than for every message (postAbs parses its URL each time)
    this.target = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
  }

  /** Creates a message from {@code form} (To, From or MessagingServiceSid, Body or ContentSid, ...). */
  public Future<Void> create(MultiMap form) {
    return client.request(HttpMethod.POST, target).putHeader("Authorization", authorization).timeout(TIMEOUT_MS)
        .sendForm(form, "UTF-8")
        .compose(TwilioMessagesApi::outcome);
  }

  private static Future<Void> outcome(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    if (response.statusCode() / 100 == 2) {
      return Future.succeededFuture();
    }
    JsonObject body = json(response);
    Integer code = body == null ? null : body.getInteger("code");
    return Future.failedFuture(new Failure(response.statusCode(), code));
  }

  private static JsonObject json(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    try {
      return response.body() == null ? null : response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** Twilio answered with an error: its HTTP status and, when it gave one, its error code (e.g. 21610). */
  public static final class Failure extends RuntimeException {
    private final int status;
    private final Integer code;

    Failure(int status, Integer code) {
      super("twilio answered " + status + (code == null ? "" : " code " + code), null, false, false);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public Integer code() {
      return code;
    }
  }
}
