package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member in the console over plain HTTP, as a browser without script: created through the API, invited,
 * enrolled (password and TOTP), signed in, with a cookie jar. Needs {@code console.passwordIterations} low.
 */
final class ConsoleUser {

  static final String PASSWORD = "a long enough passphrase";

  private final VozHarness voz;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  final String id;
  final String token;

  private ConsoleUser(VozHarness voz, String id, String token) {
    this.voz = voz;
    this.id = id;
    this.token = token;
  }

  /** A new member with {@code role} whose console speaks {@code language}, signed in. */
  static ConsoleUser signedIn(VozHarness voz, String id, String role, String language) throws Exception {
    return signedIn(voz, id, role, language, "Staff " + id);
  }

  /** As {@link #signedIn(VozHarness, String, String, String)}, with the member's name. */
  static ConsoleUser signedIn(VozHarness voz, String id, String role, String language, String name) throws Exception {
    HttpResponse<Buffer> created = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", id).put("role", role).put("name", name).put("language", language)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    ConsoleUser user = new ConsoleUser(voz, id, created.bodyAsJsonObject().getString("token"));
    String invite = URI.create(created.bodyAsJsonObject().getString("inviteLink")).getPath();
    HttpResponse<Buffer> page = user.get(invite);
    String secret = find(page.bodyAsString(), "data-totp-secret=\"([A-Z2-7]+)\"");
    HttpResponse<Buffer> done = user.post(invite, Map.of("_csrf", csrf(page), "password", PASSWORD,
        "confirmation", PASSWORD, "code", ConsoleHttpTest.code(secret, 0)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> signIn = user.get("/console/sign-in");
    HttpResponse<Buffer> in = user.post("/console/sign-in", Map.of("_csrf", csrf(signIn), "username", id,
        "password", PASSWORD, "code", ConsoleHttpTest.code(secret, 1)));
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(303);
    return user;
  }

  /** The session cookie's value (to hand to a real browser). */
  String sessionCookie() {
    return cookies.get("voz_console");
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return keep(await(withCookies(voz.client.get(path)).followRedirects(false).send()));
  }

  HttpResponse<Buffer> post(String path, Map<String, String> form) throws Exception {
    MultiMap fields = MultiMap.caseInsensitiveMultiMap();
    form.forEach(fields::add);
    return post(path, fields);
  }

  HttpResponse<Buffer> post(String path, MultiMap fields) throws Exception {
    return keep(await(withCookies(voz.client.post(path)).followRedirects(false).sendForm(fields)));
  }

  /** A multipart form with one file field {@code document}, as a browser sends it. */
  HttpResponse<Buffer> upload(String path, String csrf, String fileName, byte[] file) throws Exception {
    String boundary = "----voz" + System.nanoTime();
    Buffer body = Buffer.buffer();
    if (csrf != null) {
      body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n");
    }
    body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/pdf\r\n\r\n");
    body.appendBytes(file).appendString("\r\n--" + boundary + "--\r\n");
    return keep(await(withCookies(voz.client.post(path)).followRedirects(false)
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(body)));
  }

  /** The CSRF token of the signed-in session, from any page. */
  String csrf() throws Exception {
    return csrf(get("/console"));
  }

  static String csrf(HttpResponse<Buffer> page) {
    return find(page.bodyAsString(), "name=\"_csrf\" value=\"([^\"]+)\"");
  }

  static String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  private <T> HttpRequest<T> withCookies(HttpRequest<T> request) {
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

  static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 9);
    return bytes;
  }
}
