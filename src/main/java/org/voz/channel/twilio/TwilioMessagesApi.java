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
  private final String base;
  private final String messages;
  private final RequestOptions target;
  private final String authorization;

  public TwilioMessagesApi(Vertx vertx, String accountSid, String authToken, String apiBase) {
    String base = TwilioHttpClient.isDefault(apiBase) ? "https://api.twilio.com" : apiBase.replaceAll("/+$", "");
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(60).setUserAgent("voz"),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.base = base;
    this.messages = base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
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

  @Override
  public Future<java.util.List<Listed>> recent(String to, String from, java.time.Instant since) {
    StringBuilder first = new StringBuilder(messages).append("?To=").append(encode(to));
    if (!from.startsWith("MG")) {
      first.append("&From=").append(encode(from));
    }
    first.append("&PageSize=").append(PAGE_SIZE);
    return page(first.toString(), from, since, new java.util.ArrayList<>(), 1);
  }

  private Future<java.util.List<Listed>> page(String url, String from, java.time.Instant since,
      java.util.List<Listed> found, int pages) {
    return client.requestAbs(HttpMethod.GET, url).putHeader("Authorization", authorization).timeout(TIMEOUT_MS).send()
        .compose(response -> {
          if (response.statusCode() / 100 != 2) {
            JsonObject body = json(response);
            return Future.failedFuture(new Failure(response.statusCode(), body == null ? null : body.getInteger("code")));
          }
          JsonObject body = response.bodyAsJsonObject();
          io.vertx.core.json.JsonArray listed = body.getJsonArray("messages", new io.vertx.core.json.JsonArray());
          for (int i = 0; i < listed.size(); i++) {
            JsonObject m = listed.getJsonObject(i);
            java.time.Instant created = created(m.getString("date_created"));
            if (created == null || created.isBefore(since)) {
              return Future.succeededFuture(found); // newest first: every later one is older still
            }
            if (!from.startsWith("MG") || from.equals(m.getString("messaging_service_sid"))) {
              found.add(new Listed(m.getString("sid"), m.getString("body"), created, m.getString("messaging_service_sid")));
            }
          }
          String next = body.getString("next_page_uri");
          return next == null || next.isEmpty() || pages >= MAX_PAGES
              ? Future.succeededFuture(found)
              : page(base + next, from, since, found, pages + 1);
        });
  }

  /** Twilio's {@code date_created}, RFC 2822 ({@code Mon, 07 Dec 2026 14:39:20 +0000}); {@code null} if absent or unreadable. */
  static java.time.Instant created(String rfc2822) {
    if (rfc2822 == null || rfc2822.isBlank()) {
      return null;
    }
    try {
      return java.time.ZonedDateTime.parse(rfc2822.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (java.time.format.DateTimeParseException unreadable) {
      return null;
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
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
