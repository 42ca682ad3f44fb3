package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An admin's actions on staff accounts over real HTTP and Redis, through the staff API and the console's staff page:
 * deactivation (token 401 and session signed out at once), reactivation, second-factor reset, token rotation; sign-in
 * throttled per client address; the account events and their pages.
 */
@VozTest
@VozConfig("console.passwordIterations=1000")
@DisplayName("Staff accounts: deactivate, reactivate, reset the second factor, rotate tokens; throttling per address; account events")
class StaffAccountsTest {

  private static final String PASSWORD = ConsoleClient.PASSWORD;
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz) {
    this.voz = voz;
  }

  @Test
  @DisplayName("deactivation: the bearer token answers 401 and the open console session is signed out on its next request; reactivation; rotation")
  void deactivateReactivateRotate() throws Exception {
    JsonObject created = createStaff("cm-ana", "case_manager");
    String token = created.getString("token");
    ConsoleClient browser = new ConsoleClient(voz);
    String secret = browser.enrol(ConsoleHttpTest.invitePath(created));
    assertThat(browser.signIn("cm-ana", PASSWORD, ConsoleHttpTest.code(secret, 0)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/console").statusCode()).isEqualTo(200);
    assertThat(alerts(token)).isEqualTo(200);

    // only an admin may list or act
    assertThat(await(voz.client.get("/api/v1/staff").bearerTokenAuthentication(token).send()).statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/staff/cm-ana/deactivate", token).statusCode()).isEqualTo(403);
    JsonObject listed = member(list(), "cm-ana");
    assertThat(listed.getBoolean("active")).isTrue();
    assertThat(listed.getString("console")).isEqualTo("enrolled");

    HttpResponse<Buffer> off = post("/api/v1/staff/cm-ana/deactivate", VozHarness.ADMIN);
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    assertThat(off.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(off.bodyAsJsonObject().getString("deactivatedAt")).isNotBlank();
    // at once: the token, and the session (the next request is sent to the sign-in page)
    assertThat(alerts(token)).isEqualTo(401);
    HttpResponse<Buffer> next = browser.get("/console");
    assertThat(next.statusCode()).isEqualTo(303);
    assertThat(next.getHeader("Location")).isEqualTo("/console/sign-in");
    // and the right password and code do not sign them in again
    HttpResponse<Buffer> again = browser.signIn("cm-ana", PASSWORD, ConsoleHttpTest.code(secret, 1));
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.cookies()).noneMatch(c -> c.startsWith("voz_console="));
    assertThat(post("/api/v1/staff/cm-ana/token", VozHarness.ADMIN).statusCode()).isEqualTo(409);
    assertThat(member(list(), "cm-ana").getBoolean("active")).isFalse();

    // reactivated: the console works again; the revoked token stays revoked until rotated
    HttpResponse<Buffer> on = post("/api/v1/staff/cm-ana/reactivate", VozHarness.ADMIN);
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(on.bodyAsJsonObject().getBoolean("active")).isTrue();
    assertThat(new ConsoleClient(voz).signIn("cm-ana", PASSWORD, ConsoleHttpTest.code(secret, -1)).statusCode()).isEqualTo(303);
    assertThat(alerts(token)).isEqualTo(401);
    HttpResponse<Buffer> rotated = post("/api/v1/staff/cm-ana/token", VozHarness.ADMIN);
    assertThat(rotated.statusCode()).isEqualTo(200);
    String second = rotated.bodyAsJsonObject().getString("token");
    assertThat(second).isNotEqualTo(token);
    assertThat(alerts(second)).isEqualTo(200);
    String third = post("/api/v1/staff/cm-ana/token", VozHarness.ADMIN).bodyAsJsonObject().getString("token");
    assertThat(alerts(second)).isEqualTo(401);
    assertThat(alerts(third)).isEqualTo(200);

    // an admin cannot lock themselves out; an unknown member is 404
    String adminToken = createStaff("adm-eva", "admin").getString("token");
    HttpResponse<Buffer> self = post("/api/v1/staff/adm-eva/deactivate", adminToken);
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(self.bodyAsJsonObject().getString("error")).isEqualTo("own_account");
    assertThat(post("/api/v1/staff/nobody/deactivate", VozHarness.ADMIN).statusCode()).isEqualTo(404);

    List<String> types = types(events(null, 200).getJsonArray("events"));
    assertThat(types).contains("sign_in", "session_ended", "staff_deactivated", "staff_reactivated", "token_rotated",
        "sign_in_failed", "enrolled");
  }

  @Test
  @DisplayName("a second-factor reset: the old code fails at once, sessions end, the one-time link asks the current password and enrols a new app")
  void resetSecondFactor() throws Exception {
    JsonObject created = createStaff("cm-luz", "case_manager");
    ConsoleClient browser = new ConsoleClient(voz);
    String secret = browser.enrol(ConsoleHttpTest.invitePath(created));
    assertThat(browser.signIn("cm-luz", PASSWORD, ConsoleHttpTest.code(secret, 0)).statusCode()).isEqualTo(303);

    HttpResponse<Buffer> reset = post("/api/v1/staff/cm-luz/second-factor/reset", VozHarness.ADMIN);
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    assertThat(reset.bodyAsJsonObject().getBoolean("secondFactorOnly")).isTrue();
    String link = URI.create(reset.bodyAsJsonObject().getString("setupLink")).getPath();
    assertThat(member(list(), "cm-luz").getString("console")).isEqualTo("second_factor_reset");
    assertThat(browser.get("/console").statusCode()).isEqualTo(303); // the session ended
    assertThat(new ConsoleClient(voz).signIn("cm-luz", PASSWORD, ConsoleHttpTest.code(secret, 1)).statusCode()).isEqualTo(401);

    ConsoleClient setup = new ConsoleClient(voz);
    HttpResponse<Buffer> page = setup.get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("autocomplete=\"current-password\"").doesNotContain("new-password");
    String fresh = setup.secret(page.bodyAsString());
    assertThat(fresh).isNotEqualTo(secret);
    HttpResponse<Buffer> wrong = setup.post(link, Map.of("_csrf", setup.csrf(page.bodyAsString()), "password",
        "not my password at all", "code", ConsoleHttpTest.code(fresh, 0)));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.bodyAsString()).contains("La contraseña no es correcta");
    HttpResponse<Buffer> done = setup.post(link, Map.of("_csrf", setup.csrf(page.bodyAsString()), "password", PASSWORD,
        "code", ConsoleHttpTest.code(fresh, 0)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsString()).contains("data-recovery-codes");
    assertThat(setup.get(link).statusCode()).isEqualTo(404); // once
    assertThat(new ConsoleClient(voz).signIn("cm-luz", PASSWORD, ConsoleHttpTest.code(fresh, 1)).statusCode()).isEqualTo(303);
    assertThat(member(list(), "cm-luz").getString("console")).isEqualTo("enrolled");

    // a member who never enrolled gets a new invitation instead, and the old one stops working
    JsonObject pending = createStaff("cm-sol", "case_manager");
    String firstInvite = ConsoleHttpTest.invitePath(pending);
    JsonObject again = post("/api/v1/staff/cm-sol/second-factor/reset", VozHarness.ADMIN).bodyAsJsonObject();
    assertThat(again.getBoolean("secondFactorOnly")).isFalse();
    assertThat(new ConsoleClient(voz).get(firstInvite).statusCode()).isEqualTo(404);
    new ConsoleClient(voz).enrol(URI.create(again.getString("setupLink")).getPath());
  }

  @Test
  @VozConfig({"console.passwordIterations=1000", "console.maxFailuresPerAddress=3", "console.clientAddressHeader=X-Forwarded-For"})
  @DisplayName("failed sign-ins from one address, over several accounts, lock that address (429, a page saying to wait); another address is not locked; the address is kept only as a keyed hash")
  void throttledPerAddress() throws Exception {
    JsonObject created = createStaff("cm-rut", "case_manager");
    String secret = new ConsoleClient(voz).enrol(ConsoleHttpTest.invitePath(created));
    ConsoleClient attacker = new ConsoleClient(voz).header("X-Forwarded-For", "10.1.1.1, 203.0.113.77");
    for (String guess : new String[] {"cm-a", "cm-b", "cm-c"}) {
      assertThat(attacker.signIn(guess, "guessed password", "123456").statusCode()).isIn(401, 429);
    }
    HttpResponse<Buffer> locked = attacker.signIn("cm-rut", PASSWORD, ConsoleHttpTest.code(secret, 0));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.getHeader("Retry-After")).isNotBlank();
    assertThat(locked.bodyAsString()).contains("Espere", "minutos").doesNotContain("no son correctos");
    assertThat(locked.cookies()).noneMatch(c -> c.startsWith("voz_console="));
    // the same account from another address: the account itself is not locked (its own count is 0)
    ConsoleClient member = new ConsoleClient(voz).header("X-Forwarded-For", "203.0.113.78");
    assertThat(member.signIn("cm-rut", PASSWORD, ConsoleHttpTest.code(secret, 1)).statusCode()).isEqualTo(303);

    // the address is nowhere in Redis, only its keyed hash
    List<String> keys = await(voz.redis.future(voz.redis.commands().keys(voz.prefix + ":*")));
    for (String key : keys) {
      assertThat(key).doesNotContain("203.0.113.77");
      String type = await(voz.redis.future(voz.redis.commands().type(key)));
      if (type.equals("string")) {
        assertThat(await(voz.redis.future(voz.redis.commands().get(key)))).doesNotContain("203.0.113.77");
      } else if (type.equals("stream")) {
        assertThat(await(voz.redis.future(voz.redis.commands().xrange(key, io.lettuce.core.Range.create("-", "+")))).toString())
            .doesNotContain("203.0.113.77");
      }
    }
    JsonArray events = events(null, 50).getJsonArray("events");
    JsonObject lockedEvent = events.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("sign_in_locked")).findFirst().orElseThrow();
    assertThat(lockedEvent.getString("staffId")).isEqualTo("cm-rut");
    assertThat(lockedEvent.getString("addressHash")).matches("[0-9a-f]{32}");
    // failures for ids that are no member carry no id (a mistyped username could be anything)
    assertThat(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("sign_in_failed")))
        .allSatisfy(e -> assertThat(e.containsKey("staffId")).isFalse());
  }

  @Test
  @DisplayName("account events come a page at a time, newest first, with a cursor to the older page; a made-up cursor is 400")
  void eventPages() throws Exception {
    JsonObject created = createStaff("cm-pia", "case_manager");
    ConsoleClient browser = new ConsoleClient(voz);
    String secret = browser.enrol(ConsoleHttpTest.invitePath(created));
    for (int i = 0; i < 3; i++) {
      browser.signIn("cm-pia", "wrong password " + i, "000000");
    }
    browser.signIn("cm-pia", PASSWORD, ConsoleHttpTest.code(secret, 0));
    browser.post("/console/sign-out", Map.of("_csrf", browser.csrf(browser.get("/console").bodyAsString())));
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = events(cursor, 2);
      assertThat(page.getJsonArray("events").size()).isBetween(1, 2);
      seen.addAll(types(page.getJsonArray("events")));
      cursor = page.getString("older");
    } while (cursor != null);
    assertThat(seen).containsExactly("sign_out", "sign_in", "sign_in_failed", "sign_in_failed", "sign_in_failed", "enrolled");
    assertThat(await(voz.client.get("/api/v1/audit/accounts?before=nope").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("the console's staff page: an admin lists, rotates (shown once), resets and deactivates; a case manager gets 403; the audit page lists the events")
  void consoleStaffPage() throws Exception {
    JsonObject adminCreated = createStaff("adm-eva", "admin");
    JsonObject cm = createStaff("cm-ana", "case_manager");
    String cmToken = cm.getString("token");
    ConsoleClient cmBrowser = new ConsoleClient(voz);
    String cmSecret = cmBrowser.enrol(ConsoleHttpTest.invitePath(cm));
    cmBrowser.signIn("cm-ana", PASSWORD, ConsoleHttpTest.code(cmSecret, 0));
    assertThat(cmBrowser.get("/console/staff").statusCode()).isEqualTo(403);
    assertThat(cmBrowser.get("/console/audit").statusCode()).isEqualTo(403);

    ConsoleClient admin = new ConsoleClient(voz);
    String adminSecret = admin.enrol(ConsoleHttpTest.invitePath(adminCreated));
    admin.signIn("adm-eva", PASSWORD, ConsoleHttpTest.code(adminSecret, 0));
    HttpResponse<Buffer> page = admin.get("/console/staff");
    assertThat(page.statusCode()).isEqualTo(200);
    ConsoleHttpTest.assertSecurityHeaders(page);
    String html = page.bodyAsString();
    assertThat(html).contains("data-staff-id=\"cm-ana\"", "data-staff-id=\"adm-eva\"", "/console/staff/cm-ana/deactivate")
        .doesNotContain("/console/staff/adm-eva/deactivate"); // not one's own
    String csrf = admin.csrf(html);
    assertThat(admin.post("/console/staff/cm-ana/token", Map.of()).statusCode()).isEqualTo(403); // no CSRF token

    HttpResponse<Buffer> rotated = admin.post("/console/staff/cm-ana/token", Map.of("_csrf", csrf));
    assertThat(rotated.statusCode()).isEqualTo(200);
    String newToken = find(rotated.bodyAsString(), "data-shown=\"api-token\">([^<]+)<");
    assertThat(alerts(cmToken)).isEqualTo(401);
    assertThat(alerts(newToken)).isEqualTo(200);

    HttpResponse<Buffer> reset = admin.post("/console/staff/cm-ana/second-factor", Map.of("_csrf", csrf));
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(find(reset.bodyAsString(), "data-shown=\"setup-link\">([^<]+)<")).startsWith(voz.publicUrl + "/console/invite/");
    assertThat(cmBrowser.get("/console").statusCode()).isEqualTo(303);

    HttpResponse<Buffer> off = admin.post("/console/staff/cm-ana/deactivate", Map.of("_csrf", csrf));
    assertThat(off.statusCode()).isEqualTo(303);
    assertThat(off.getHeader("Location")).isEqualTo("/console/staff?done=deactivated&id=cm-ana");
    assertThat(alerts(newToken)).isEqualTo(401);
    String after = admin.get(off.getHeader("Location")).bodyAsString();
    assertThat(after).contains("Cuenta cm-ana desactivada", "/console/staff/cm-ana/reactivate");
    assertThat(admin.post("/console/staff/adm-eva/deactivate", Map.of("_csrf", csrf)).statusCode()).isEqualTo(409);
    assertThat(admin.post("/console/staff/cm-ana/reactivate", Map.of("_csrf", csrf)).statusCode()).isEqualTo(303);

    HttpResponse<Buffer> audit = admin.get("/console/audit");
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.bodyAsString()).contains("Cuenta desactivada", "Token de la API cambiado", "Segundo factor restablecido",
        "Inició sesión", "adm-eva");
    assertThat(admin.get("/console/audit?before=nope").statusCode()).isEqualTo(400);
  }

  private JsonObject createStaff(String id, String role) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", id).put("role", role).put("name", "Ana")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private int alerts(String token) throws Exception {
    return await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(token).send()).statusCode();
  }

  private HttpResponse<Buffer> post(String path, String token) throws Exception {
    return await(voz.client.post(path).bearerTokenAuthentication(token).send());
  }

  private JsonArray list() throws Exception {
    HttpResponse<Buffer> response = await(voz.client.get("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN).send());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("staff");
  }

  private static JsonObject member(JsonArray list, String id) {
    return list.stream().map(JsonObject.class::cast).filter(m -> m.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private JsonObject events(String before, int limit) throws Exception {
    String query = "/api/v1/audit/accounts?limit=" + limit + (before == null ? "" : "&before=" + before);
    HttpResponse<Buffer> response = await(voz.client.get(query).bearerTokenAuthentication(VozHarness.ADMIN).send());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> types(JsonArray events) {
    return events.stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  private static String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1).strip();
  }
}
