package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cookie jar over the harness's client: what a browser without script does. {@link #header} adds a header to every
 * request (a client address as a reverse proxy would pass it).
 */
class ConsoleClient {

  static final String PASSWORD = "a long enough passphrase";

  private final VozHarness voz;
  private final Map<String, String> headers = new java.util.LinkedHashMap<>();

  private final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();

  HttpResponse<Buffer> get(String path) throws Exception {
    return keep(await(withCookies(voz.client.get(path)).followRedirects(false).send()));
  }

  HttpResponse<Buffer> post(String path, Map<String, String> form) throws Exception {
    MultiMap fields = MultiMap.caseInsensitiveMultiMap();
    form.forEach(fields::add);
    return keep(await(withCookies(voz.client.post(path)).followRedirects(false).sendForm(fields)));
  }

  /** Opens the invitation, enrols with the password and a fresh code; returns the TOTP secret. */
  String enrol(String invite) throws Exception {
    HttpResponse<Buffer> page = get(invite);
    String secret = secret(page.bodyAsString());
    HttpResponse<Buffer> done = post(invite, Map.of("_csrf", csrf(page.bodyAsString()), "password", PASSWORD,
        "confirmation", PASSWORD, "code", ConsoleHttpTest.code(secret, 0)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsString()).contains("data-recovery-codes");
    return secret;
  }

  HttpResponse<Buffer> signIn(String id, String password, String code) throws Exception {
    String csrf = csrf(get("/console/sign-in").bodyAsString());
    return post("/console/sign-in", Map.of("_csrf", csrf, "username", id, "password", password, "code", code));
  }

  String secret(String html) {
    return find(html, "data-totp-secret=\"([A-Z2-7]+)\"");
  }

  String csrf(String html) {
    return find(html, "name=\"_csrf\" value=\"([^\"]+)\"");
  }

  private String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  private <T> io.vertx.ext.web.client.HttpRequest<T> withCookies(io.vertx.ext.web.client.HttpRequest<T> request) {
    headers.forEach(request::putHeader);
    if (!cookies.isEmpty()) {
      request.putHeader("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    return request;
  }

  private HttpResponse<Buffer> keep(HttpResponse<Buffer> response) {
    List<String> set = response.cookies();
    for (String cookie : set) {
      String pair = cookie.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || cookie.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }

  ConsoleClient(VozHarness voz) {
    this.voz = voz;
  }

  ConsoleClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
