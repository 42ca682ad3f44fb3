package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voz.testing.EnrolmentJson;

/**
 * A console user over plain HTTP, as a browser without script is: a cookie jar over a harness's client. Creates a
 * staff member through the API, enrols them through their invitation (password, TOTP) and signs in; then gets and
 * posts pages, and opens the inbox's event stream as an EventSource would. {@link #header} adds a header to every
 * request (a client address as a reverse proxy would pass it).
 */
class ConsoleClient {

  static final String PASSWORD = "a long enough passphrase";

  private final VozHarness voz;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  String csrf;

  ConsoleClient(VozHarness voz) {
    this.voz = voz;
  }

  /** Adds a header to every request (a client address as a reverse proxy would pass it). */
  ConsoleClient header(String name, String value) {
    headers.put(name, value);
    return this;
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

  /** A new member with {@code role}, signed in on this client. */
  static ConsoleClient signedIn(VozHarness voz, String id, String role) throws Exception {
    return signedIn(voz, id, role, java.time.Clock.systemUTC());
  }

  /** As {@link #signedIn(VozHarness, String, String)}, the authenticator's codes of {@code clock} (the service's). */
  static ConsoleClient signedIn(VozHarness voz, String id, String role, java.time.Clock clock) throws Exception {
    HttpResponse<Buffer> created = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", id).put("role", role).put("name", "Member " + id).put("language", "es")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    ConsoleClient client = new ConsoleClient(voz);
    String invite = URI.create(created.bodyAsJsonObject().getString("inviteLink")).getPath();
    HttpResponse<Buffer> page = client.get(invite);
    String secret = find(page.bodyAsString(), "data-totp-secret=\"([A-Z2-7]+)\"");
    HttpResponse<Buffer> done = client.post(invite, Map.of("_csrf", find(page.bodyAsString(), "name=\"_csrf\" value=\"([^\"]+)\""),
        "password", PASSWORD, "confirmation", PASSWORD, "code", code(secret, clock)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    String signInCsrf = find(client.get("/console/sign-in").bodyAsString(), "name=\"_csrf\" value=\"([^\"]+)\"");
    HttpResponse<Buffer> in = client.post("/console/sign-in", Map.of("_csrf", signInCsrf, "username", id,
        "password", PASSWORD, "code", code(secret, clock)));
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(303);
    HttpResponse<Buffer> inbox = client.get("/console");
    client.csrf = inbox.statusCode() == 200 ? find(inbox.bodyAsString(), "name=\"_csrf\" value=\"([^\"]+)\"") : null;
    return client;
  }

  /** Enrols a survivor under {@code caseManager} (case ref {@code caseRef}, SMS {@code phone}, PIN 4821, consent c1). */
  static void enrol(VozHarness voz, String caseManager, String caseRef, String phone) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(EnrolmentJson.standard(caseManager, "es", "sms", phone).caseRef(caseRef).json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** The survivor at {@code phone} revokes consent c1 by SMS (signed Twilio webhooks): PIN, "my consents", c1, yes. */
  static void revoke(VozHarness voz, String phone) throws Exception {
    for (String text : new String[] {"hola", "4821", "2", "1", "1"}) {
      assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return keep(await(withCookies(voz.client.get(path)).followRedirects(false).send()));
  }

  HttpResponse<Buffer> post(String path, Map<String, String> form) throws Exception {
    MultiMap fields = MultiMap.caseInsensitiveMultiMap();
    form.forEach(fields::add);
    return keep(await(withCookies(voz.client.post(path)).followRedirects(false).sendForm(fields)));
  }

  /** Opens {@code /console/alerts/stream} as an EventSource does; what arrives is appended to the stream's text. */
  Stream stream() throws Exception {
    return stream(voz);
  }

  /** The same, on another instance (the session lives in Redis, so any instance serves it). */
  Stream stream(VozHarness on) throws Exception {
    HttpClient http = on.vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(on.voz.port())
        .setURI("/console/alerts/stream").putHeader("Accept", "text/event-stream").putHeader("Cookie", cookieHeader());
    Stream stream = new Stream(http);
    // the handlers are set on the event loop, in the same turn as the response arrives: nothing comes before them
    stream.response = await(http.request(options).compose(request -> request.send()).onSuccess(response -> {
      response.handler(buffer -> stream.append(buffer.toString()));
      response.endHandler(v -> stream.ended = true);
      response.exceptionHandler(e -> stream.ended = true);
    }));
    return stream;
  }

  /** An open event stream: its status, headers, and the text that came so far. */
  static final class Stream implements AutoCloseable {
    private final HttpClient http;
    private final StringBuffer text = new StringBuffer();
    volatile HttpClientResponse response;
    volatile boolean ended;

    Stream(HttpClient http) {
      this.http = http;
    }

    void append(String more) {
      text.append(more);
    }

    String text() {
      return text.toString();
    }

    int status() {
      return response.statusCode();
    }

    /** The data of every event of {@code type} so far, as JSON. */
    List<JsonObject> events(String type) {
      return Pattern.compile("event: " + type + "\n(?:id: [^\n]*\n)?data: ([^\n]*)\n\n").matcher(text()).results()
          .map(m -> new JsonObject(m.group(1))).toList();
    }

    @Override
    public void close() {
      http.close();
    }
  }

  private String cookieHeader() {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private <T> HttpRequest<T> withCookies(HttpRequest<T> request) {
    headers.forEach(request::putHeader);
    if (!cookies.isEmpty()) {
      request.putHeader("Cookie", cookieHeader());
    }
    return request;
  }

  private HttpResponse<Buffer> keep(HttpResponse<Buffer> response) {
    for (String cookie : response.cookies()) {
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

  static String code(String secret, java.time.Clock clock) {
    return org.voz.crypto.Totp.code(org.voz.crypto.Base32.decode(secret),
        org.voz.crypto.Totp.step(clock.instant().getEpochSecond()));
  }

  static String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }
}
