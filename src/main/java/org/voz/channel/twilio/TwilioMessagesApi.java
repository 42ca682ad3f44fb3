package org.voz.channel.twilio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Twilio's Messages API without the SDK: {@code POST <apiBase>/2010-04-01/Accounts/<sid>/Messages.json},
 * form-encoded, HTTP basic auth with the account SID and auth token, on the caller's event loop (the SDK
 * blocks a worker thread per send and costs several times the CPU). The future yields the message SID on a
 * 2xx, or fails with {@link Failure} (Twilio's HTTP status and error code) or the connection's error.
 * Chosen with {@code twilio.sendThrough: api}; the default is the SDK ({@link SdkMessages}).
 */
public final class TwilioMessagesApi implements TwilioMessages {

  /** Longest wait for Twilio's answer; the outbox's delivery timeout (30 s) covers it and a rate-limit wait. */
  static final int TIMEOUT_MS = 10_000;
  /**
   * Connections kept to Twilio: every outbox partition sends one entry at a time, so this many let all the
   * partitions (16 by default) send at once (the client's default of 5 made them queue for a connection).
   */
  static final int CONNECTIONS = 32;

  private static final JsonFactory JSON = new JsonFactory();

  private final WebClient client;
  private final RequestOptions target;
  private final String authorization;

  public TwilioMessagesApi(Vertx vertx, String accountSid, String authToken, String apiBase) {
    String base = TwilioHttpClient.isDefault(apiBase) ? "https://api.twilio.com" : apiBase.replaceAll("/+$", "");
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(60).setUserAgent("voz"),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    // parsed once here rather than for every message (postAbs parses its URL each time)
    this.target = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Future<String> create(MultiMap form) {
    return client.request(HttpMethod.POST, target).putHeader("Authorization", authorization).timeout(TIMEOUT_MS)
        .sendForm(form, "UTF-8")
        .compose(TwilioMessagesApi::outcome);
  }

  private static Future<String> outcome(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    if (response.statusCode() / 100 == 2) {
      return Future.succeededFuture(sid(response.bodyAsString()));
    }
    JsonObject body = json(response);
    Integer code = body == null ? null : body.getInteger("code");
    return Future.failedFuture(new Failure(response.statusCode(), code));
  }

  /** The top-level "sid" of Twilio's answer, read with a streaming parser (the rest of the message is not needed). */
  static String sid(String body) {
    if (body == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("sid") && value == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException notJson) {
      return null;
    }
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
