package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One edge handler puts the same security headers on every answer, whatever its route family: the staff API (its
 * answers, errors, the contract and an SVG chart), the webhooks, the document link's pages, the console, the dev
 * simulator, health and metrics, and what no route answers (a path or query that does not decode, an unknown path,
 * a request line the server refuses). A page may set a CSP of its own, never one that lets it be framed.
 */
@VozTest
@VozClock(SecurityHeadersTest.NOW)
@DisplayName("Security headers on every route family, HSTS in production")
class SecurityHeadersTest {

  static final String NOW = "2026-12-01T12:00:00Z";

  /** Every route family: a label and the request. */
  private Map<String, HttpResponse<Buffer>> everyFamily(VozHarness voz, MutableClock clock, boolean simulator)
      throws Exception {
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    String coordinator = await(voz.createStaff("co-headers", "coordinator"));
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(coordinator)
        .sendJsonObject(new JsonObject().put("id", "headers").put("surveyId", "exit")
            .put("startAt", Instant.parse(NOW).plusSeconds(60).toString())
            .put("closesAt", Instant.parse(NOW).plusSeconds(120).toString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    answers.put("api 201", created);
    clock.advance(Duration.ofDays(1)); // the campaign closed: its results and charts open
    answers.put("api 200", get(voz, "/api/v1/alerts", VozHarness.ADMIN));
    answers.put("api 401", get(voz, "/api/v1/alerts", null));
    answers.put("api 403", get(voz, "/api/v1/alerts", coordinator));
    answers.put("api 404", get(voz, "/api/v1/survivors/nobody/consents", VozHarness.ADMIN));
    answers.put("api 400", await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("x", 1))));
    answers.put("api svg", get(voz, "/api/v1/campaigns/headers/questions/overall/chart.svg", coordinator));
    answers.put("api csv", get(voz, "/api/v1/campaigns/headers/results.csv", coordinator));
    answers.put("contract", get(voz, "/api/v1/openapi.yaml", null));
    answers.put("twilio 200", await(voz.sms("+15550100999", "hola", VozHarness.newSid())));
    answers.put("twilio 403", await(voz.client.post("/webhooks/twilio/messages")
        .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("Body=x"))));
    answers.put("twilio status 403", await(voz.client.post("/webhooks/twilio/status")
        .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("MessageSid=x"))));
    answers.put("telegram 403", await(voz.client.post("/webhooks/telegram").sendJsonObject(new JsonObject()
        .put("update_id", 1))));
    answers.put("document page", get(voz, "/d/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null));
    answers.put("document pin", await(voz.client.post("/d/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
        .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("pin=1234"))));
    answers.put("console redirect", get(voz, "/console", null));
    answers.put("console sign-in", get(voz, "/console/sign-in", null));
    answers.put("console invite", get(voz, "/console/invite/not-a-real-invitation", null));
    answers.put("console 404", get(voz, "/console/nowhere", null));
    answers.put("console asset", get(voz, "/console/assets/voz.css", null));
    answers.put("health live", get(voz, "/health/live", null));
    answers.put("health ready", get(voz, "/health/ready", null));
    answers.put("metrics", get(voz, "/metrics", null));
    answers.put("unknown path", get(voz, "/nowhere", null));
    answers.put("bad path", get(voz, "/%zz", null));
    answers.put("bad query", get(voz, "/api/v1/survivors/x/consents?a=%", VozHarness.ADMIN));
    answers.put("too large", await(voz.client.request(HttpMethod.POST, "/webhooks/telegram")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"x\":\"" + "a".repeat(200_000) + "\"}"))));
    if (simulator) {
      answers.put("simulator page", get(voz, "/simulator", null));
      answers.put("simulator api", get(voz, "/simulator/api/personas", null));
    }
    return answers;
  }

  private static HttpResponse<Buffer> get(VozHarness voz, String path, String token) throws Exception {
    var request = voz.client.get(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send());
  }

  @Test
  @DisplayName("development: every family is framed by nobody, not sniffed, not cached, sends no referrer; no HSTS")
  void development(VozHarness voz, MutableClock clock) throws Exception {
    Map<String, HttpResponse<Buffer>> answers = everyFamily(voz, clock, true);
    List<String> problems = new ArrayList<>();
    answers.forEach((family, response) -> problems.addAll(check(family, response.statusCode(), response.headers(), false)));
    problems.addAll(refusedRequestLine(voz, false));
    assertThat(problems).isEmpty();
    assertThat(answers.get("simulator page").getHeader("Content-Security-Policy")).as("its inline script, in dev only")
        .contains("'unsafe-inline'");
  }

  @Test
  @VozConfig("env=production")
  @DisplayName("production: the same, and Strict-Transport-Security on every answer")
  void production(VozHarness voz, MutableClock clock) throws Exception {
    Map<String, HttpResponse<Buffer>> answers = everyFamily(voz, clock, false);
    List<String> problems = new ArrayList<>();
    answers.forEach((family, response) -> problems.addAll(check(family, response.statusCode(), response.headers(), true)));
    problems.addAll(refusedRequestLine(voz, true));
    assertThat(problems).isEmpty();
  }

  /** What is wrong with one answer's headers, each problem naming the family. */
  private static List<String> check(String family, int status, MultiMap headers, boolean production) {
    List<String> problems = new ArrayList<>();
    String at = family + " (" + status + "): ";
    once(problems, at, headers, "X-Frame-Options", "DENY");
    once(problems, at, headers, "X-Content-Type-Options", "nosniff");
    once(problems, at, headers, "Referrer-Policy", "no-referrer");
    if (!family.equals("console asset")) { // the console's stylesheet holds nothing personal
      once(problems, at, headers, "Cache-Control", "no-store");
    }
    List<String> csp = headers.getAll("Content-Security-Policy");
    if (csp.size() != 1) {
      problems.add(at + "Content-Security-Policy " + csp);
    } else {
      if (!csp.get(0).contains("frame-ancestors 'none'")) {
        problems.add(at + "CSP without frame-ancestors 'none': " + csp.get(0));
      }
      if (!family.startsWith("simulator") && csp.get(0).matches(".*script-src[^;]*'unsafe-inline'.*")) {
        problems.add(at + "CSP with inline script: " + csp.get(0));
      }
    }
    List<String> hsts = headers.getAll("Strict-Transport-Security");
    if (production && (hsts.size() != 1 || !hsts.get(0).startsWith("max-age=31536000"))) {
      problems.add(at + "Strict-Transport-Security " + hsts);
    } else if (!production && !hsts.isEmpty()) {
      problems.add(at + "Strict-Transport-Security in development " + hsts);
    }
    return problems;
  }

  private static void once(List<String> problems, String at, MultiMap headers, String name, String value) {
    List<String> given = headers.getAll(name);
    if (!given.equals(List.of(value))) {
      problems.add(at + name + " " + given);
    }
  }

  /** A request line the server refuses before any route (an HTTP version it does not speak): the same headers. */
  private static List<String> refusedRequestLine(VozHarness voz, boolean production) throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /health/live HTTP/2.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
      String[] lines = head.split("\r\n");
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      return check("refused request line", Integer.parseInt(lines[0].split(" ")[1]), headers, production);
    }
  }
}
