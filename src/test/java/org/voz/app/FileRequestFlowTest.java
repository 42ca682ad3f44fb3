package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozClock("2026-11-23T10:00:00Z")
// contact hours all day: the clock stands at 04:00 in Guatemala, the survivors' (+502) zone, and the hours have their tests
@VozConfig({"requests.maxDocumentBytes=" + FileRequestFlowTest.MAX_DOCUMENT, "requests.dueCheckInterval=PT1H",
    "simulator.enabled=false", "contact.from=00:00", "contact.to=23:59:59"})
@DisplayName("File requests end to end: asked by SMS, alert, status changes, upload, one-time link, PIN, PDF, burned")
class FileRequestFlowTest {

  private static final Pattern REFERENCE = Pattern.compile("R-[23456789A-HJ-NP-Z]{6}");
  private static final Pattern LINK = Pattern.compile("https://voz\\.example\\.org(/d/[A-Za-z0-9_-]{43})");
  static final int MAX_DOCUMENT = 20_000; // in @VozConfig above

  private WireMockServer stub;

  private MutableClock clock;
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
  }

  /** A case manager with one survivor enrolled under them: {token, survivorId}. */
  private String[] caseload(String phone, String language) throws Exception {
    return caseload(phone, language, new JsonArray());
  }

  /** @param consents the consents recorded at enrolment */
  private String[] caseload(String phone, String language, JsonArray consents) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    String token = await(voz.createStaff(cm, "case_manager"));
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-2026-0147").put("language", language).put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821").put("duressPin", "7365").put("consents", consents)));
    assertThat(enrolled.statusCode()).isEqualTo(201);
    return new String[] {token, enrolled.bodyAsJsonObject().getString("id")};
  }

  private List<String> converse(String phone, String... texts) throws Exception {
    return Stubs.converse(voz, stub, phone, texts);
  }

  /** The next message Voz sends the survivor first (after a staff change). */
  private String nextMessage(String phone, int before) throws Exception {
    waitFor(() -> Stubs.bodiesTo(stub, phone).size() > before, Duration.ofSeconds(10));
    return Stubs.bodiesTo(stub, phone).get(before);
  }

  private List<JsonObject> alerts(String type) {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).filter(a -> a.getString("type").equals(type)).toList();
  }

  private HttpResponse<Buffer> patch(String token, String id, JsonObject body) throws Exception {
    return await(voz.client.patch("/api/v1/requests/" + id).bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private HttpResponse<Buffer> upload(String token, String id, String type, byte[] body) throws Exception {
    return await(voz.client.put("/api/v1/requests/" + id + "/document").bearerTokenAuthentication(token)
        .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body)));
  }

  private HttpResponse<Buffer> postPin(String path, String pin) throws Exception {
    return await(voz.client.post(path).sendForm(MultiMap.caseInsensitiveMultiMap().add("pin", pin)));
  }

  private JsonArray requests(String token) throws Exception {
    return await(voz.client.get("/api/v1/requests").bearerTokenAuthentication(token).send()).bodyAsJsonObject()
        .getJsonArray("requests");
  }

  private JsonArray history(String token, String survivorId) throws Exception {
    return await(voz.client.get("/api/v1/survivors/" + survivorId + "/consents/history").bearerTokenAuthentication(token)
        .send()).bodyAsJsonObject().getJsonArray("events");
  }

  static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 9);
    return bytes;
  }

  /** Asks for a copy of the file by secure link in Spanish; returns {reference, request id}. */
  private String[] askForCopy(String phone, String survivorId) throws Exception {
    List<String> replies = converse(phone, "hola", "4821", "documentos", "1", "copia", "2", "Para la visa");
    String done = replies.get(6);
    assertThat(done).startsWith("Listo. Tu número de solicitud es R-").contains("Te responderemos a más tardar el 23 dic 2026.");
    Matcher m = REFERENCE.matcher(done);
    assertThat(m.find()).isTrue();
    return new String[] {m.group(), survivorId + "." + m.group()};
  }

  @Test
  @DisplayName("request → alert → status changes → upload → link → wrong then right PIN → the same PDF bytes → link dead")
  void walk() throws Exception {
    String phone = "+50255512001";
    String[] cm = caseload(phone, "es", new JsonArray().add(org.voz.testing.ConsentJson.caseNotes("c1").json()));
    String[] request = askForCopy(phone, cm[1]);
    String reference = request[0];
    String id = request[1];

    waitFor(() -> !alerts("file_request.opened").isEmpty(), Duration.ofSeconds(10));
    JsonObject alert = alerts("file_request.opened").get(0);
    assertThat(alert.getString("survivorId")).isEqualTo(cm[1]);
    assertThat(alert.getString("requestId")).isEqualTo(id);
    assertThat(alert.getString("reference")).isEqualTo(reference);
    assertThat(alert.getString("requestKind")).isEqualTo("copy");
    assertThat(alert.getString("delivery")).isEqualTo("link");
    assertThat(alert.getString("dueAt")).isEqualTo("2026-12-23T10:00:00Z");
    assertThat(alert.encode()).doesNotContain("Para la visa");

    JsonArray listed = requests(cm[0]);
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("purpose")).isEqualTo("Para la visa");
    assertThat(listed.getJsonObject(0).getString("status")).isEqualTo("open");
    String other = await(voz.createStaff("cm-other-" + UUID.randomUUID().toString().substring(0, 6), "case_manager"));
    assertThat(requests(other)).isEmpty();
    assertThat(requests(VozHarness.ADMIN).stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);

    // status changes: each one a neutral message to the survivor naming only the reference
    converse(phone, "salir");
    int before = Stubs.bodiesTo(stub, phone).size();
    HttpResponse<Buffer> working = patch(cm[0], id, new JsonObject().put("status", "in_progress").put("note", "Buscando el expediente"));
    assertThat(working.statusCode()).isEqualTo(200);
    assertThat(working.bodyAsJsonObject().getString("status")).isEqualTo("in_progress");
    String news = nextMessage(phone, before);
    assertThat(news).isEqualTo("Tienes un mensaje nuevo. Responde con tu PIN para leerlo.");
    // the message opened the conversation at the PIN, which shows the request in plain words
    assertThat(converse(phone, "4821").get(0)).startsWith("Tus pedidos de documentos:\n" + reference
        + ": copia de tu expediente, en proceso. Respuesta a más tardar el 23 dic 2026.");
    converse(phone, "salir");

    assertThat(patch(cm[0], id, new JsonObject().put("status", "open")).statusCode()).isEqualTo(409);
    assertThat(patch(cm[0], id, new JsonObject().put("status", "refused")).statusCode()).isEqualTo(400);
    assertThat(patch(other, id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(403);
    assertThat(patch(cm[0], cm[1] + ".R-ZZZZZZ", new JsonObject().put("status", "ready")).statusCode()).isEqualTo(404);

    // the document: bad uploads first
    byte[] document = pdf(12_345);
    HttpResponse<Buffer> notPdf = upload(cm[0], id, "text/plain", document);
    assertThat(notPdf.statusCode()).isEqualTo(415);
    assertThat(notPdf.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_media_type");
    assertThat(upload(cm[0], id, "application/pdf", "hello, not a pdf".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(415);
    HttpResponse<Buffer> tooLarge = upload(cm[0], id, "application/pdf", pdf(MAX_DOCUMENT + 1));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
    assertThat(upload(cm[0], cm[1] + ".R-ZZZZZZ", "application/pdf", document).statusCode()).isEqualTo(404);
    assertThat(upload(cm[0], "no-such-request", "application/pdf", document).statusCode()).isEqualTo(404);
    assertThat(upload(other, id, "application/pdf", document).statusCode()).isEqualTo(403);
    assertThat(await(voz.client.put("/api/v1/requests/" + id + "/document").putHeader("Content-Type", "application/pdf")
        .sendBuffer(Buffer.buffer(document))).statusCode()).as("no token: refused before the body is read").isEqualTo(401);
    assertThat(upload(VozHarness.ADMIN, id, "application/pdf", document).statusCode()).as("the same connection still works")
        .isEqualTo(201);
    HttpResponse<Buffer> stored = upload(cm[0], id, "application/pdf", document);
    assertThat(stored.statusCode()).isEqualTo(201);
    assertThat(stored.bodyAsJsonObject().getInteger("bytes")).isEqualTo(document.length);

    // ready: the survivor gets the one-time link
    before = Stubs.bodiesTo(stub, phone).size();
    assertThat(patch(cm[0], id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(200);
    String message = nextMessage(phone, before);
    assertThat(message).startsWith("Tienes un mensaje nuevo: https://voz.example.org/d/")
        .endsWith("Se abre con tu PIN, una sola vez, durante 14 dias.").doesNotContain(reference);
    assertThat(org.voz.conversation.SmsSegments.segments(message)).as("one SMS segment").isEqualTo(1);
    Matcher link = LINK.matcher(message);
    assertThat(link.find()).isTrue();
    String path = link.group(1);

    HttpResponse<Buffer> page = await(voz.client.get(path).send());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(page.bodyAsString()).contains("Escribe tu PIN para abrir tu documento.").contains("<form method=\"post\">")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://").doesNotContain("GT-2026");

    HttpResponse<Buffer> wrong = postPin(path, "1111");
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.bodyAsString()).contains("PIN").contains("<form");

    // a copy of the file: the page of what Voz holds, in Spanish, with the PDF behind a second one-time link
    HttpResponse<Buffer> right = postPin(path, "4821");
    assertThat(right.statusCode()).isEqualTo(200);
    String copy = right.bodyAsString();
    assertThat(copy).contains("Lo que guardamos sobre ti").contains("Tus respuestas a encuestas con tu nombre").contains("Lo que compartes").contains("Tus derechos")
        .contains(reference).contains("copia de tu expediente").contains("Para la visa").contains("Historial completo")
        .contains("se borran a los 14 días").doesNotContain("<script").doesNotContain("https://");
    // who on the staff looked and changed, and when: the case manager listed the requests, changed and uploaded
    assertThat(copy).contains("Quién del equipo vio o cambió tu información, y cuándo", "vio tus solicitudes de documentos",
        "cambió tu registro").containsPattern("<td>cm-[0-9a-f]{8}</td><td>vio tus solicitudes de documentos</td>");
    // every event of the history in plain words, with what it was about: never a code or an id
    assertThat(copy).contains("<td>Aceptaste compartir tus datos: las notas de tu caso, Casa Esperanza</td>",
        "<td>Pediste un documento</td><td>" + reference + "</td>",
        "<td>Tu pedido de documento está en proceso</td>", "<td>El equipo agregó tu documento</td>",
        "<td>Tu documento está listo</td>").doesNotContain("file_request.", "consent.", "(c1)", ">c1<");
    Matcher pass = Pattern.compile("href=\"(/d/[A-Za-z0-9_-]{43})\"").matcher(copy);
    assertThat(pass.find()).isTrue();
    HttpResponse<Buffer> downloaded = await(voz.client.get(pass.group(1)).send());
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.getHeader("Content-Type")).isEqualTo("application/pdf");
    assertThat(downloaded.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(downloaded.body().getBytes()).isEqualTo(document);
    assertThat(await(voz.client.get(pass.group(1)).send()).statusCode()).as("the second link works once too").isEqualTo(404);

    // burned: a second use, a reload and a made-up link all get the same neutral page
    HttpResponse<Buffer> again = postPin(path, "4821");
    HttpResponse<Buffer> reload = await(voz.client.get(path).send());
    HttpResponse<Buffer> guessed = await(voz.client.get("/d/" + "A".repeat(43)).send());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.bodyAsString()).contains("Este enlace ya no funciona.").isEqualTo(reload.bodyAsString())
        .isEqualTo(guessed.bodyAsString());
    assertThat(await(voz.client.get("/d/x").send()).bodyAsString()).isEqualTo(guessed.bodyAsString());

    // the download is in the ledger, and the request was delivered
    List<String> types = history(cm[0], cm[1]).stream().map(e -> ((JsonObject) e).getString("type")).toList();
    assertThat(types).containsSubsequence("file_request.opened", "file_request.in_progress", "file_request.document",
        "file_request.ready", "file_request.downloaded", "file_request.downloaded");
    assertThat(history(cm[0], cm[1]).stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("type").equals("file_request.downloaded"))
        .map(e -> e.getJsonObject("details").getString("part"))).containsExactly("copy", "document");
    assertThat(requests(cm[0]).getJsonObject(0).getString("status")).isEqualTo("delivered");
  }

  @Test
  @DisplayName("wrong PINs on the link page count toward the lockout with those sent by chat; the fifth locks and alerts")
  void lockout() throws Exception {
    String phone = "+50255512002";
    String[] cm = caseload(phone, "es");
    String id = askForCopy(phone, cm[1])[1];
    converse(phone, "salir", "hola", "9999", "9998");   // two wrong PINs by chat
    assertThat(patch(cm[0], id, new JsonObject().put("status", "in_progress")).statusCode()).isEqualTo(200);
    assertThat(upload(cm[0], id, "application/pdf", pdf(2000)).statusCode()).isEqualTo(201);
    int before = Stubs.bodiesTo(stub, phone).size();
    assertThat(patch(cm[0], id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(200);
    waitFor(() -> Stubs.bodiesTo(stub, phone).stream().skip(before).anyMatch(b -> LINK.matcher(b).find()),
        Duration.ofSeconds(10));
    Matcher link = LINK.matcher(Stubs.bodiesTo(stub, phone).stream().skip(before).filter(b -> LINK.matcher(b).find())
        .findFirst().orElseThrow());
    assertThat(link.find()).isTrue();
    String path = link.group(1);

    assertThat(postPin(path, "1111").bodyAsString()).contains("<form");
    assertThat(postPin(path, "1112").bodyAsString()).contains("<form");
    HttpResponse<Buffer> locked = postPin(path, "1113");
    assertThat(locked.bodyAsString()).contains("No podemos seguir ahora").doesNotContain("<form");
    waitFor(() -> !alerts("pin.locked").isEmpty(), Duration.ofSeconds(10));
    // locked everywhere: even the right PIN opens nothing, on the page or by chat
    assertThat(postPin(path, "4821").bodyAsString()).contains("No podemos seguir ahora");
    assertThat(converse(phone, "4821").get(0)).contains("No podemos seguir ahora");
  }

  /** A letter by link, ready with a document: the link's path. */
  /** Asks by chat for a letter by link (for the landlord), then leaves; yields its reference and its request id. */
  private String[] askForLetterByLink(String phone, String[] cm) throws Exception {
    String done = converse(phone, "hi", "4821", "documents", "ask", "letter", "link", "For my landlord").get(6);
    Matcher m = REFERENCE.matcher(done);
    assertThat(m.find()).isTrue();
    converse(phone, "exit");
    return new String[] {m.group(), cm[1] + "." + m.group()};
  }

  private String letterLink(String phone, String[] cm) throws Exception {
    String id = askForLetterByLink(phone, cm)[1];
    int before = Stubs.bodiesTo(stub, phone).size();
    assertThat(upload(cm[0], id, "application/pdf", pdf(3000)).statusCode()).isEqualTo(201);
    assertThat(patch(cm[0], id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(200);
    waitFor(() -> Stubs.bodiesTo(stub, phone).stream().skip(before).anyMatch(b -> LINK.matcher(b).find()),
        Duration.ofSeconds(10));
    Matcher link = LINK.matcher(Stubs.bodiesTo(stub, phone).stream().skip(before).filter(b -> LINK.matcher(b).find())
        .findFirst().orElseThrow());
    assertThat(link.find()).isTrue();
    return link.group(1);
  }

  /** Posts each PIN to the link page at once (none waits for another); completes when all were answered. */
  private List<io.vertx.core.Future<HttpResponse<Buffer>>> postAtOnce(String path, List<String> pins) throws Exception {
    List<io.vertx.core.Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (String pin : pins) {
      posts.add(voz.client.post(path).sendForm(MultiMap.caseInsensitiveMultiMap().add("pin", pin)));
    }
    await(io.vertx.core.Future.join(posts));
    return posts;
  }

  @Test
  @DisplayName("parallel wrong PINs cannot outrun the lockout: one pin.locked alert, and the right PIN then opens nothing")
  void parallelLockout() throws Exception {
    String phone = "+50255512006";
    String[] cm = caseload(phone, "en");
    String path = letterLink(phone, cm);
    List<io.vertx.core.Future<HttpResponse<Buffer>>> posts = postAtOnce(path,
        java.util.stream.IntStream.range(0, 8).mapToObj(i -> "11" + (10 + i)).toList());
    for (var post : posts) {
      assertThat(post.result().getHeader("Content-Type")).startsWith("text/html");
    }
    HttpResponse<Buffer> right = postPin(path, "4821");
    assertThat(right.getHeader("Content-Type")).startsWith("text/html");
    assertThat(right.bodyAsString()).doesNotContain("%PDF");
    waitFor(() -> !alerts("pin.locked").isEmpty(), Duration.ofSeconds(10));
    // one lockout, one alert: a second would be sent within a few outbox sweeps; none may come
    holdsFor(Duration.ofMillis(300), () -> alerts("pin.locked").size() == 1);
    assertThat(alerts("pin.locked")).hasSize(1);
  }

  @Test
  @DisplayName("the duress PIN on the link page alerts silently and burns the link: a reload shows the dead link too")
  void duress() throws Exception {
    String phone = "+50255512007";
    String[] cm = caseload(phone, "en");
    String path = letterLink(phone, cm);
    HttpResponse<Buffer> duress = postPin(path, "7365");
    assertThat(duress.statusCode()).isEqualTo(404);
    assertThat(duress.bodyAsString()).contains("This link no longer works.").doesNotContain("<form");
    waitFor(() -> !alerts("duress").isEmpty(), Duration.ofSeconds(10));
    HttpResponse<Buffer> reload = await(voz.client.get(path).send());
    assertThat(reload.statusCode()).isEqualTo(404);
    assertThat(reload.bodyAsString()).isEqualTo(duress.bodyAsString()).doesNotContain("<form");
    assertThat(postPin(path, "4821").bodyAsString()).doesNotContain("%PDF").contains("This link no longer works.");
  }

  @Test
  @DisplayName("parallel right PINs on one link: only the one whose burn removed the link gets the PDF")
  void parallelRight() throws Exception {
    String phone = "+50255512008";
    String[] cm = caseload(phone, "en");
    String path = letterLink(phone, cm);
    List<io.vertx.core.Future<HttpResponse<Buffer>>> posts = postAtOnce(path, List.of("4821", "4821", "4821"));
    assertThat(posts.stream().filter(p -> "application/pdf".equals(p.result().getHeader("Content-Type")))).hasSize(1);
    assertThat(posts.stream().filter(p -> p.result().statusCode() == 404)).hasSize(2);
    assertThat(await(voz.client.get(path).send()).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("due-date alerts: due soon 7 days before, overdue after the due date, each once (a controllable clock)")
  void dueDates() throws Exception {
    String phone = "+50255512003";
    String[] cm = caseload(phone, "es");
    String id = askForCopy(phone, cm[1])[1];

    clock.advance(Duration.ofDays(22));
    assertThat(await(voz.voz.requestDueJob().run())).isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(await(voz.voz.requestDueJob().run())).isEqualTo(1);
    waitFor(() -> alerts("file_request.due_soon").size() == 1, Duration.ofSeconds(10));
    assertThat(alerts("file_request.due_soon").get(0).getString("requestId")).isEqualTo(id);
    assertThat(await(voz.voz.requestDueJob().run())).isZero();

    clock.advance(Duration.ofDays(7));
    assertThat(await(voz.voz.requestDueJob().run())).isEqualTo(1);
    waitFor(() -> alerts("file_request.overdue").size() == 1, Duration.ofSeconds(10));
    assertThat(alerts("file_request.overdue").get(0).getString("requestId")).isEqualTo(id);
    clock.advance(Duration.ofDays(3));
    assertThat(await(voz.voz.requestDueJob().run())).isZero();
    assertThat(alerts("file_request.due_soon")).hasSize(1);
    assertThat(alerts("file_request.overdue")).hasSize(1);
  }

  @Test
  @DisplayName("a letter by link: the right PIN streams the PDF at once")
  void letter() throws Exception {
    String phone = "+50255512005";
    String[] cm = caseload(phone, "en");
    String[] asked = askForLetterByLink(phone, cm);
    String reference = asked[0];
    String id = asked[1];
    int before = Stubs.bodiesTo(stub, phone).size();
    assertThat(patch(cm[0], id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(200);
    assertThat(nextMessage(phone, before)).isEqualTo("You have a new message. Reply with your PIN to read it.");
    byte[] document = pdf(5000);
    assertThat(upload(cm[0], id, "application/pdf; charset=binary", document).statusCode()).isEqualTo(201);
    String message = nextMessage(phone, before + 1);
    assertThat(message).startsWith("You have a new message: https://voz.example.org/d/")
        .endsWith("It opens with your PIN, once, for 14 days.").doesNotContain(reference);
    Matcher link = LINK.matcher(message);
    assertThat(link.find()).isTrue();
    assertThat(await(voz.client.get(link.group(1)).send()).bodyAsString()).contains("Enter your PIN to open your document.");
    HttpResponse<Buffer> right = postPin(link.group(1), "4821");
    assertThat(right.getHeader("Content-Type")).isEqualTo("application/pdf");
    assertThat(right.body().getBytes()).isEqualTo(document);
    assertThat(postPin(link.group(1), "4821").bodyAsString()).contains("This link no longer works.");
  }

  @Test
  @DisplayName("a request moved from ready back to in progress gets its due-date alerts again")
  void backInProgress() throws Exception {
    String phone = "+50255512009";
    String[] cm = caseload(phone, "es");
    String id = askForCopy(phone, cm[1])[1];
    converse(phone, "salir");
    assertThat(patch(cm[0], id, new JsonObject().put("status", "ready")).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofDays(23));
    assertThat(await(voz.voz.requestDueJob().run())).as("ready: nothing due").isZero();
    assertThat(patch(cm[0], id, new JsonObject().put("status", "in_progress")).statusCode()).isEqualTo(200);
    assertThat(await(voz.voz.requestDueJob().run())).isEqualTo(1);
    waitFor(() -> alerts("file_request.due_soon").size() == 1, Duration.ofSeconds(10));
    assertThat(alerts("file_request.due_soon").get(0).getString("requestId")).isEqualTo(id);
  }

  @Test
  @DisplayName("closing a request deletes its document: its link opens nothing")
  void closedDropsDocument() throws Exception {
    String phone = "+50255512010";
    String[] cm = caseload(phone, "en");
    String path = letterLink(phone, cm);
    String id = requests(cm[0]).getJsonObject(0).getString("id");
    assertThat(patch(cm[0], id, new JsonObject().put("status", "closed")).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> right = postPin(path, "4821");
    assertThat(right.statusCode()).isEqualTo(404);
    assertThat(right.bodyAsString()).contains("This link no longer works.").doesNotContain("%PDF");
  }

  @Test
  @DisplayName("an answered request raises no due-date alert")
  void answered() throws Exception {
    String phone = "+50255512004";
    String[] cm = caseload(phone, "es");
    String id = askForCopy(phone, cm[1])[1];
    assertThat(patch(cm[0], id, new JsonObject().put("status", "refused").put("note", "No tenemos ese expediente.")).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofDays(40));
    assertThat(await(voz.voz.requestDueJob().run())).isZero();
  }
}
