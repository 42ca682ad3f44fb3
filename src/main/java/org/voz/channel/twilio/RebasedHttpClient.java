package org.voz.channel.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's HTTP client, sending every request to a configured base URL instead of
 * {@code https://api.twilio.com} (TWILIO_API_BASE; tests point it at a local stub). The SDK builds its
 * URLs from fixed domains, so the request is copied with its path kept and its origin replaced.
 */
final class RebasedHttpClient extends HttpClient {

  private final URI base;
  private final HttpClient delegate = new NetworkHttpClient();

  RebasedHttpClient(String apiBase) {
    this.base = URI.create(apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase);
  }

  static boolean isDefault(String apiBase) {
    return apiBase == null || apiBase.isBlank() || apiBase.replaceAll("/+$", "").equals("https://api.twilio.com");
  }

  @Override
  public Response makeRequest(Request request) {
    return delegate.makeRequest(rebase(request));
  }

  Request rebase(Request original) {
    URI sdkUri = URI.create(original.getUrl());
    String rebasedUrl = base + sdkUri.getRawPath();
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
