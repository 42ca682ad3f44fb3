package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voz.testing.LogCapture;

@VozTest
@DisplayName("Malformed input: a 4xx with a JSON error, never a 5xx; a long message in any script is taken")
class MalformedInputTest {

  private WireMockServer stub;

  private VozHarness voz;
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a signed SMS of Twilio's largest size in a non-Latin script is committed and answered")
  @ValueSource(strings = {"Я", "ह", "中", "ก", "አ", "😀"})
  void longMessageInAnyScript(String letter) throws Exception {
    String phone = "+50255550147";
    await(voz.enrol(phone, "es", "4821"));
    int chars = letter.codePointAt(0) > 0xFFFF ? 800 : 1600; // Twilio counts UTF-16 units: 800 emoji are 1,600
    String text = letter.repeat(chars);

    HttpResponse<Buffer> response = await(voz.sms(phone, text, VozHarness.newSid()));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("<Response>");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Stubs.bodiesTo(stub, phone).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a form body that cannot be decoded answers 400 with a JSON error on the Twilio webhook, before the signature")
  @ValueSource(strings = {"%%%&&&=", "a=%", "%zz", "Body=%zz&From=%2B1", "pin=%ZZ&x=1"})
  void undecodableForm(String body) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/webhooks/twilio/messages")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-Twilio-Signature", "AAAA")
        .sendBuffer(Buffer.buffer(body)));

    assertClientError(response, 400);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a form POST whose query string cannot be decoded answers 400 (it was never answered)")
  @ValueSource(strings = {"/webhooks/twilio/messages?a=%zz", "/webhooks/twilio/status?%", "/d/abcdef0123456789?%E0%zz"})
  void undecodableQueryOnForm(String uri) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post(uri).timeout(5000)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("Body=hi&From=%2B15551234567")));

    assertClientError(response, 400);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a query string that cannot be decoded, on a route with path parameters, answers a JSON 400 and logs "
      + "no ERROR (Vert.x Web decoded it again while matching the route: 'Unhandled exception in router', plain text)")
  @ValueSource(strings = {"/api/v1/survivors/x/consents?status=open&x=%", "/api/v1/campaigns/cmp-1?language=%zz&programme=",
      "/api/v1/requests/s1.R-7C6WPB?a=%2", "/d/abcdef0123456789?q=%u00e9", "/console/invite/abc?%"})
  void undecodableQueryOnRouteWithParameters(String uri) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.get(uri).bearerTokenAuthentication(VozHarness.ADMIN).send());

    assertClientError(response, 400);
    assertThat(logs.events()).noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR);
  }

  @Test
  @DisplayName("a form with more fields than allowed answers 413 with a JSON error")
  void tooManyFields() throws Exception {
    String body = IntStream.range(0, 300).mapToObj(i -> "f" + i + "=" + i).collect(Collectors.joining("&"));

    HttpResponse<Buffer> response = await(voz.client.post("/webhooks/twilio/status")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(body)));

    assertClientError(response, 413);
  }

  @Test
  @DisplayName("an undecodable PIN on the document page answers 400, not 503")
  void undecodablePin() throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/d/abcdef0123456789")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("pin=%ZZ")));

    assertClientError(response, 400);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a path with a bad percent escape answers 400 with a JSON error")
  @ValueSource(strings = {"/%zz", "/api/v1/survivors/%zz", "/d/%E0%zz", "/webhooks/twilio/%"})
  void undecodablePath(String path) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.get(path).send());

    assertClientError(response, 400);
  }

  @Test
  @DisplayName("a staff API body that is not JSON answers 400")
  void brokenJson() throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post("/api/v1/survivors")
        .bearerTokenAuthentication(VozHarness.ADMIN)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"caseRef\": \"GT\n")));

    assertClientError(response, 400);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a bad path escape with a bad form body answers 400 (the failure handler failed on the path: 500)")
  @ValueSource(strings = {"/d/%zz", "/api/v1/survivors/%zz/consents", "/webhooks/twilio/%zz"})
  void badPathAndBadForm(String path) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.post(path)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("pin=%")));

    assertClientError(response, 400);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a form body on a method that carries none answers 400, not 503")
  @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
  void formBodyOnBodilessMethod(String method) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.request(io.vertx.core.http.HttpMethod.valueOf(method),
            "/api/v1/staff").timeout(5000)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("a=b")));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("a chunked body whose chunk size is not a number closes the connection, and is no ERROR of ours")
  void badChunk() throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST /webhooks/telegram HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          + "Content-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      // Vert.x closes a connection whose framing it cannot read before anything can be answered
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(logs.events()).noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR);
  }

  @Test
  @DisplayName("a request line of another protocol answers 400, never 501")
  void notHttp() throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("GET / FTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
    }
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a request line of an HTTP version Voz does not speak answers 505, never 501")
  @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/0.9"})
  void unsupportedHttpVersion(String version) throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /health/live " + version + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 505");
    }
  }

  @Test
  @DisplayName("a decode failure logs neither the body nor a line break from it")
  void decodeFailureLogsNoBody() throws Exception {
    String body = "Body=secret-text-" + "%0a".repeat(3) + "FORGED&From=%2B15551234567&x=%zz";

    HttpResponse<Buffer> response = await(voz.client.post("/webhooks/twilio/messages")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(body)));

    assertClientError(response, 400);
    List<String> lines = logs.events().stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
    assertThat(lines).noneMatch(line -> line.contains("secret-text") || line.contains("FORGED")
        || line.contains("5551234567"));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("every answer, whatever the route, carries the edge's headers: not framed, sniffed or cached, no referrer")
  @ValueSource(strings = {"/api/v1/alerts", "/d/abcdef0123456789", "/simulator", "/health/live", "/nowhere"})
  void edgeHeaders(String path) throws Exception {
    HttpResponse<Buffer> response = await(voz.client.get(path).send());

    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(response.getHeader("Strict-Transport-Security")).as("HSTS only in production").isNull();
  }

  private static void assertClientError(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

}
