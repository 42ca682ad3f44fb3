package org.voz.channel.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client for every Voz request to Twilio. It sends each request ONCE: the SDK's own
 * {@code reliableRequest} re-POSTs on any 5xx, and Twilio can answer 5xx after it created the message, so a
 * retry there is a duplicate SMS; the outbox does the retrying. Its timeouts are short (the SDK's own are 10 s
 * for a pooled connection, 30.5 s to connect, 30 s per read, and it sets them on every request), so a send
 * ends well within the outbox's 30 s delivery timeout. With {@code TWILIO_API_BASE} set (tests point it at a
 * local stub), every request goes to that base instead of {@code https://api.twilio.com}: the SDK builds its
 * URLs from fixed domains, so the request is copied with its path kept and its origin replaced.
 */
final class TwilioHttpClient extends HttpClient {

  static final Timeout CONNECT = Timeout.ofSeconds(5);
  static final Timeout READ = Timeout.ofSeconds(8);
  /** The longest wait for a free pooled connection. */
  static final Timeout POOL = Timeout.ofSeconds(2);

  private final URI base;
  private final HttpClient delegate = new NetworkHttpClient(apacheClient());

  /** @param apiBase TWILIO_API_BASE, or {@code null}/blank/the default for Twilio itself */
  TwilioHttpClient(String apiBase) {
    this.base = isDefault(apiBase) ? null
        : URI.create(apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase);
  }

  static boolean isDefault(String apiBase) {
    return apiBase == null || apiBase.isBlank() || apiBase.replaceAll("/+$", "").equals("https://api.twilio.com");
  }

  @SuppressWarnings("deprecation") // the SDK sets its request config (with a connect timeout) on each request
  private static HttpClientBuilder apacheClient() {
    RequestConfig timeouts = RequestConfig.custom()
        .setConnectionRequestTimeout(POOL).setConnectTimeout(CONNECT).setResponseTimeout(READ).build();
    return HttpClientBuilder.create()
        .useSystemProperties()
        .disableAutomaticRetries()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT).setSocketTimeout(READ).build())
            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(READ).setSoKeepAlive(true).build())
            .setMaxConnPerRoute(20).setMaxConnTotal(100)
            .build())
        .setDefaultRequestConfig(timeouts)
        // replaces the SDK's per-request config (its 10 s pool and 30.5 s connect timeouts) with ours
        .addExecInterceptorFirst("voz-timeouts", (request, scope, chain) -> {
          scope.clientContext.setRequestConfig(timeouts);
          return chain.proceed(request, scope);
        });
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
    return delegate.makeRequest(base == null ? request : rebase(request));
  }

  Request rebase(Request original) {
    URI sdkUri = URI.create(original.getUrl());
    // a next page's request carries its query in the URL (next_page_uri), not as parameters: kept
    String rebasedUrl = base + sdkUri.getRawPath() + (sdkUri.getRawQuery() == null ? "" : "?" + sdkUri.getRawQuery());
    Request copy = new Request(original.getMethod(), rebasedUrl);
    copyParams(original.getQueryParams(), copy::addQueryParam);
    copyParams(original.getPostParams(), copy::addPostParam);
    copyParams(original.getHeaderParams(), copy::addHeaderParam);
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    if (original.getContentType() != null) {
      copy.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      copy.setBody(original.getBody());
    }
    return copy;
  }

  private static void copyParams(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
    params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
  }
}
