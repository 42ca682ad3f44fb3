package org.voz.channel.twilio;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Twilio SDK's HTTP client for every Voz request to Twilio: the SDK builds the request (URL, form, auth)
 * and reads the answer (the {@code Message}, or an {@code ApiException} with Twilio's status and code), while
 * the bytes go through a Vert.x HTTP client on the event loops instead of the SDK's Apache client. The SDK
 * blocks, so it runs on a worker thread that waits for the event loop's answer ({@link #makeRequest} refuses
 * to run on an event loop).
 *
 * <p>It sends each request ONCE: the SDK's own {@code reliableRequest} re-POSTs on any 5xx, and Twilio can
 * answer 5xx after it created the message, so a retry there is a duplicate SMS; the outbox does the retrying.
 * Its timeouts are short ({@link #CONNECT} to connect, {@link #READ} without a byte of the answer), so a send
 * ends well within the outbox's 30 s delivery timeout. With {@code TWILIO_API_BASE} set (tests point it at a
 * local stub), every request goes to that base instead of {@code https://api.twilio.com}: the SDK builds its
 * URLs from fixed domains, so the path is kept and the origin replaced.
 */
final class TwilioHttpClient extends HttpClient {

  /** The longest wait for a connection to Twilio, in ms. */
  static final int CONNECT = 5_000;
  /** The longest wait for Twilio's next byte once the request is sent, in ms. */
  static final int READ = 8_000;
  /** Connections kept to Twilio: every outbox partition sends several entries at once. */
  static final int CONNECTIONS = 64;
  /** What the SDK's own client says of itself (its {@code X-Twilio-Client} header). */
  private static final String CLIENT = "java-" + Twilio.VERSION;

  private final Vertx vertx;
  private final io.vertx.core.http.HttpClient http;
  /** TWILIO_API_BASE without its trailing slash, or {@code null} for Twilio itself. */
  private final String base;

  /** @param apiBase TWILIO_API_BASE, or {@code null}/blank/the default for Twilio itself */
  TwilioHttpClient(Vertx vertx, String apiBase) {
    this.vertx = vertx;
    this.base = isDefault(apiBase) ? null : apiBase.replaceAll("/+$", "");
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout(CONNECT).setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));
  }

  static boolean isDefault(String apiBase) {
    return apiBase == null || apiBase.isBlank() || apiBase.replaceAll("/+$", "").equals("https://api.twilio.com");
  }

  /** One try: the SDK would otherwise sleep and re-send on a 5xx. */
  @Override
  public Response reliableRequest(Request request) {
    return reliableRequest(request, RETRY_CODES, 1, 0);
  }

  @Override
  protected boolean shouldRetry(Response response, int[] retryCodes) {
    return false;
  }

  @Override
  public Response makeRequest(Request request) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("the Twilio SDK blocks: call it on a worker thread");
    }
    // the whole exchange on the caller's event loop (the outbox lane's, inside executeBlocking): a response
    // handed from the connection's event loop to another thread could end before its body was asked for
    CompletableFuture<Response> answer = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> send(request).onComplete((response, failure) -> {
      if (failure == null) {
        answer.complete(response);
      } else {
        answer.completeExceptionally(failure);
      }
    }));
    try {
      return answer.get(CONNECT + READ + 1_000L, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted during the request to Twilio", e);
    } catch (ExecutionException e) {
      throw new ApiConnectionException("no answer from Twilio: " + e.getCause().getClass().getSimpleName(), e.getCause());
    } catch (TimeoutException e) {
      throw new ApiConnectionException("no answer from Twilio in time", e);
    }
  }

  /** The request as the SDK's own client sends it, to {@link #target}. */
  Future<Response> send(Request request) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.getMethod().toString()))
        .setAbsoluteURI(target(request)).setIdleTimeout(READ)
        .putHeader("X-Twilio-Client", CLIENT).putHeader("Accept", "application/json")
        .putHeader("Accept-Encoding", "utf-8");
    if (request.requiresAuthentication()) {
      options.putHeader("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
      header.getValue().forEach(value -> options.addHeader(header.getKey(), value));
    }
    Buffer body = null;
    if (options.getMethod() == HttpMethod.POST || options.getMethod() == HttpMethod.PUT) {
      if (request.getContentType() == EnumConstants.ContentType.JSON) {
        options.putHeader("Content-Type", EnumConstants.ContentType.JSON.getValue());
        body = Buffer.buffer(request.getBody() == null ? "" : request.getBody(), "UTF-8");
      } else {
        options.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        body = Buffer.buffer(request.encodeFormBody(), "UTF-8");
      }
    }
    Buffer sent = body;
    return http.request(options)
        .compose(outgoing -> sent == null ? outgoing.send() : outgoing.send(sent))
        .compose(answer -> answer.body()
            .map(bytes -> new Response(bytes.toString(StandardCharsets.UTF_8), answer.statusCode())));
  }

  /** The SDK's URL (with its query), under {@code TWILIO_API_BASE} when one is set. */
  String target(Request request) {
    URL url = request.constructURL();
    return base == null ? url.toString() : base + url.getFile();
  }
}
