package org.voz.channel.telegram;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * The Telegram Bot API over Vert.x {@link WebClient}: every call is one of Telegram Bots' method objects
 * ({@code SendMessage}, {@code DeleteMessages}, {@code AnswerCallbackQuery}, {@code GetUpdates},
 * {@code SetWebhook}…), validated by the library ({@code validate()}), serialized with Jackson by the
 * library's own {@code @JsonProperty} names, and POSTed to {@code <apiBase>/bot<token>/<method>} without
 * blocking (the library's own HTTP clients block a thread per call: not used). A method the library refuses
 * fails with {@link Invalid} before any request is made. The answer is read as a JSON tree: the
 * {@code result} on {@code "ok": true}, else a {@link Failure} (the library's response models, a
 * {@code Message} for each reply sent, cost more than the two fields Voz reads). The URL holds the bot
 * token: it is never logged, and no failure carries it.
 */
public final class TelegramApi {

  private static final long TIMEOUT_MS = 15_000;
  /**
   * As the library's own mapper (a plain {@link ObjectMapper}: its classes carry the Bot API's names), with
   * absent fields left out everywhere and without the {@code method} field the library adds for webhook
   * replies: the method is in the URL.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .addMixIn(PartialBotApiMethod.class, WithoutMethodField.class);
  /**
   * The Bot API's name of a method class, as its documentation spells it ({@code SendMessage}:
   * {@code sendMessage}): some of the library's {@code getMethod()} are lower case ({@code sendmessage}),
   * which Telegram accepts, but Voz's stubs and metrics know the documented names.
   */
  private static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      String simple = type.getSimpleName();
      return simple.isEmpty() ? "" : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }
  };

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

  /**
   * Validates, serializes and sends {@code request}: fails with {@link Invalid} (and nothing sent) when the
   * library refuses it, with {@link Failure} when Telegram does (status 0 when it could not be reached).
   */
  public Future<Object> call(PartialBotApiMethod<?> request) {
    return call(request, TIMEOUT_MS);
  }

  /** As {@link #call(PartialBotApiMethod)}, waiting up to {@code timeoutMs} (a long poll waits longer than a send). */
  public Future<Object> call(PartialBotApiMethod<?> request, long timeoutMs) {
    String method = name(request);
    Buffer body;
    try {
      body = body(request);
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    if (!configured()) {
      return Future.failedFuture(new Failure(method, 0, "no bot token configured", null));
    }
    return client.postAbs(base + "/bot" + token + "/" + method)
        .timeout(timeoutMs)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body)
        .recover(e -> Future.failedFuture(new Failure(method, 0, "unreachable: " + e.getClass().getSimpleName(), null)))
        .compose(response -> outcome(method, response));
  }

  /** The Bot API method's documented name, the last segment of its URL. */
  static String name(PartialBotApiMethod<?> request) {
    String name = NAMES.get(request.getClass());
    return name.equalsIgnoreCase(request.getMethod()) ? name : request.getMethod();
  }

  /** {@code request} validated by the library and serialized: the body that is POSTed. */
  static Buffer body(PartialBotApiMethod<?> request) {
    String method = name(request);
    try {
      request.validate();
      return Buffer.buffer(JSON.writeValueAsBytes(request));
    } catch (TelegramApiValidationException e) {
      // the message only: the exception's toString() prints the whole request, chat id and text included
      throw new Invalid(method, e.getMessage());
    } catch (JsonProcessingException e) {
      throw new Invalid(method, "not serializable: " + e.getClass().getSimpleName());
    }
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

  /** Hides {@code PartialBotApiMethod.getMethod()} from serialization. */
  private abstract static class WithoutMethodField {
    @JsonIgnore
    public abstract String getMethod();
  }

  /**
   * A call the library's validation refused (an empty text or chat id, more than 100 messages to delete…):
   * it was not sent, and sending it again cannot help. Its message is the library's reason, without the
   * request (which holds a chat id and a text).
   */
  public static final class Invalid extends RuntimeException {
    public Invalid(String method, String reason) {
      super("telegram " + method + " refused before sending: " + reason, null, false, false);
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
