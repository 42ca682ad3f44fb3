package org.voz.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.crypto.Base32;
import org.voz.crypto.Totp;

/** The console over plain HTTP (no browser): redirects, headers, CSRF, one-time invitations, the lockout. */
@VozTest
// fewer PBKDF2 iterations than production's 600,000: the lockout test signs in six times
@VozConfig("console.passwordIterations=1000")
@DisplayName("Staff console over HTTP: security headers, redirect, CSRF, invitations, sign-in lockout")
class ConsoleHttpTest {

  private static final String PASSWORD = "a long enough passphrase";
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz) {
    this.voz = voz;
  }

  static void assertSecurityHeaders(HttpResponse<Buffer> response) {
    String csp = response.getHeader("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(csp.replaceAll(".*script-src([^;]*).*", "$1")).doesNotContain("unsafe-inline");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  @DisplayName("GET /console without a session: 303 to the sign-in page, with the security headers")
  void redirect() throws Exception {
    HttpResponse<Buffer> response = await(voz.client.get("/console").followRedirects(false).send());
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.getHeader("Location")).isEqualTo("/console/sign-in");
    assertSecurityHeaders(response);

    HttpResponse<Buffer> page = await(voz.client.get("/console/sign-in").send());
    assertThat(page.statusCode()).isEqualTo(200);
    assertSecurityHeaders(page);
    assertThat(page.bodyAsString()).contains("autocomplete=\"username\"", "autocomplete=\"current-password\"",
        "autocomplete=\"one-time-code\"", "Iniciar sesión").doesNotContain("<script");
    assertThat(page.cookies()).anySatisfy(c -> assertThat(c).startsWith("voz_csrf=").containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict").contains("Path=/console"));
    HttpResponse<Buffer> css = await(voz.client.get("/console/assets/govuk-frontend.min.css").send());
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.getHeader("Content-Type")).startsWith("text/css");
  }

  @Test
  @DisplayName("a form posted without its CSRF token is refused with 403: sign-in, invitation, acknowledgement")
  void csrf() throws Exception {
    String invite = invitePath(await(createStaff("cm-csrf")));
    assertThat(await(voz.client.post("/console/sign-in").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("username", "cm-csrf").add("password", PASSWORD).add("code", "000000"))).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.post(invite).sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("password", PASSWORD).add("confirmation", PASSWORD).add("code", "000000"))).statusCode()).isEqualTo(403);

    Browser browser = new Browser();
    String secret = browser.enrol(invite);
    browser.signIn("cm-csrf", PASSWORD, code(secret, 0));
    HttpResponse<Buffer> inbox = browser.get("/console");
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertSecurityHeaders(inbox);
    assertThat(inbox.bodyAsString()).contains("No hay alertas pendientes.");
    String csrf = browser.csrf(inbox.bodyAsString());
    assertThat(browser.post("/console/alerts/nope/ack", Map.of("note", "x")).statusCode()).isEqualTo(403);
    assertThat(browser.post("/console/alerts/nope/ack", Map.of("_csrf", "wrong")).statusCode()).isEqualTo(403);
    assertThat(browser.post("/console/alerts/nope/ack", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
    // signed out, the session's cookie opens nothing
    assertThat(browser.post("/console/sign-out", Map.of("_csrf", csrf)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/console").statusCode()).isEqualTo(303);
  }

  @Test
  @DisplayName("an invitation works once; a made-up one shows the same neutral page; a wrong code keeps it working")
  void inviteOnce() throws Exception {
    JsonObject created = await(createStaff("cm-once"));
    assertThat(created.getString("inviteLink")).startsWith(voz.publicUrl + "/console/invite/");
    String invite = invitePath(created);
    Browser browser = new Browser();
    HttpResponse<Buffer> page = browser.get(invite);
    String secret = browser.secret(page.bodyAsString());
    assertThat(browser.get(invite).bodyAsString()).contains("data-totp-secret=\"" + secret + "\""); // a reload: the same secret
    assertThat(page.bodyAsString()).contains("<svg", "autocomplete=\"new-password\"", "autocomplete=\"one-time-code\"");
    HttpResponse<Buffer> wrong = browser.post(invite, Map.of("_csrf", browser.csrf(page.bodyAsString()),
        "password", PASSWORD, "confirmation", PASSWORD, "code", code(secret, 5)));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.bodyAsString()).contains("El código no es correcto");
    browser.enrol(invite);
    assertThat(browser.get(invite).statusCode()).isEqualTo(404);
    assertThat(browser.get("/console/invite/made-up").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("five failed sign-ins lock the account: the right password and code are then refused too")
  void lockout() throws Exception {
    String invite = invitePath(await(createStaff("cm-lock")));
    Browser browser = new Browser();
    String secret = browser.enrol(invite);
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> failed = browser.signIn("cm-lock", "not the password at all", code(secret, 0));
      assertThat(failed.statusCode()).isEqualTo(i < 4 ? 401 : 429);
      assertThat(failed.bodyAsString()).contains(i < 4 ? "no son correctos" : "demasiados intentos fallidos");
    }
    HttpResponse<Buffer> locked = browser.signIn("cm-lock", PASSWORD, code(secret, 0));
    assertThat(locked.statusCode()).isEqualTo(429);
    // the page says to wait, and how long; not which part was wrong
    assertThat(locked.bodyAsString()).contains("Espere 15 minutos").doesNotContain("no son correctos", "contraseña no");
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(14 * 60L, 15 * 60L);
    assertThat(locked.cookies()).noneMatch(c -> c.startsWith("voz_console="));
  }

  private io.vertx.core.Future<JsonObject> createStaff(String id) {
    return voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", id).put("role", "case_manager").put("name", "Ana"))
        .map(response -> {
          assertThat(response.statusCode()).isEqualTo(201);
          return response.bodyAsJsonObject();
        });
  }

  static String invitePath(JsonObject created) {
    return URI.create(created.getString("inviteLink")).getPath();
  }

  /** The TOTP code of now plus {@code steps} time steps. */
  static String code(String secret, int steps) {
    return Totp.code(Base32.decode(secret), Totp.step(Instant.now().getEpochSecond()) + steps);
  }

  private final class Browser extends ConsoleClient {
    Browser() {
      super(voz);
    }
  }
}
