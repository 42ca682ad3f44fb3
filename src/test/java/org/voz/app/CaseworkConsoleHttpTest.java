package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/** The casework pages over plain HTTP: who may open what, CSRF, each form's errors beside its field, each change. */
@VozTest
@VozConfig({"console.passwordIterations=1000", "requests.maxDocumentBytes=" + CaseworkConsoleHttpTest.MAX_DOCUMENT})
@DisplayName("Console casework over HTTP: caseload, survivor page, enrolment, record upkeep, decisions, file requests")
class CaseworkConsoleHttpTest {

  static final int MAX_DOCUMENT = 20_000;
  private VozHarness voz;
  private WireMockServer stub;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) {
    this.voz = voz;
    this.stub = stub;
  }

  private static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Enrols a survivor under {@code cm} through the API (c1 granted, c2 pending); returns its id. */
  private String enrol(ConsoleUser cm, String caseRef, String phone) throws Exception {
    return enrol(cm, caseRef, phone, true);
  }

  /** @param pending whether c2 is added (a pending consent the chat asks about first, after the PIN) */
  private String enrol(ConsoleUser cm, String caseRef, String phone, boolean pending) throws Exception {
    EnrolmentJson json = EnrolmentJson.standard(cm.id, "es", "sms", phone).caseRef(caseRef);
    if (pending) {
      json.consent(ConsentJson.medical("c2", "pending"));
    }
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cm.token)
        .sendJsonObject(json.json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    return enrolled.bodyAsJsonObject().getString("id");
  }

  @Test
  @DisplayName("a case manager opens their own survivor (200), not another's (403); a coordinator gets 403, an unknown id 404")
  void access() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    ConsoleUser ben = ConsoleUser.signedIn(voz, id("cm-ben"), "case_manager", "es");
    ConsoleUser cora = ConsoleUser.signedIn(voz, id("co-cora"), "coordinator", "es");
    String survivor = enrol(ana, "GT-2026-7001", "+50255571001");

    HttpResponse<Buffer> page = ana.get("/console/survivors/" + survivor);
    assertThat(page.statusCode()).isEqualTo(200);
    ConsoleHttpTest.assertSecurityHeaders(page);
    assertThat(page.bodyAsString()).contains("GT-2026-7001", "data-consent-id=\"c1\"", "shelter-casa-esperanza",
        "data-chain=\"verified\"", "Cadena verificada", "Consentimiento dado").doesNotContain("<script");
    // each consent by its labels in the member's language (the catalogue), the code only beside them for staff
    assertThat(page.bodyAsString()).contains("Casa Esperanza · derivarte a otros servicios",
        "Salud Digna · cuidar tu salud", "tus datos de salud <code class=\"voz-code\" data-code=\"data\">")
        .doesNotContainPattern("card__title\">[^<]*(clinic-salud-digna|medical-care)");
    ConsoleUser eva = ConsoleUser.signedIn(voz, id("cm-eva"), "case_manager", "en");
    String hers = enrol(eva, "GT-2026-7009", "+50255571009");
    assertThat(eva.get("/console/survivors/" + hers).bodyAsString()).contains(
        "Casa Esperanza · referring you to other services", "Salud Digna · medical care",
        "your health information");
    assertThat(ben.get("/console/survivors/" + survivor).statusCode()).isEqualTo(403);
    assertThat(ben.get("/console/survivors/" + survivor).bodyAsString()).contains("No tiene acceso a esta página")
        .doesNotContain("GT-2026-7001");
    assertThat(cora.get("/console/survivors/" + survivor).statusCode()).isEqualTo(403);
    assertThat(cora.get("/console/survivors").statusCode()).isEqualTo(403);
    assertThat(cora.get("/console/survivors/new").statusCode()).isEqualTo(403);
    assertThat(ana.get("/console/survivors/no-such-survivor").statusCode()).isEqualTo(404);
    assertThat(await(voz.client.get("/console/survivors/" + survivor).followRedirects(false).send()).statusCode()).isEqualTo(303);

    // the caseload lists one's own; the search by exact reference finds only one's own
    assertThat(ana.get("/console/survivors").bodyAsString()).contains("data-survivor-id=\"" + survivor + "\"", "GT-2026-7001");
    assertThat(ben.get("/console/survivors").bodyAsString()).doesNotContain(survivor).contains("Todavía no tiene personas inscritas.");
    assertThat(ana.get("/console/survivors?ref=GT-2026-7001").bodyAsString()).contains("data-survivor-id=\"" + survivor + "\"",
        "Un caso con la referencia GT-2026-7001");
    assertThat(ana.get("/console/survivors?ref=GT-2026-70").bodyAsString()).doesNotContain(survivor);
    assertThat(ben.get("/console/survivors?ref=GT-2026-7001").bodyAsString()).doesNotContain(survivor)
        .contains("Ningún caso con la referencia GT-2026-7001");
    // another's survivor's forms are refused too, with the session's CSRF token
    assertThat(ben.post("/console/survivors/" + survivor + "/details", Map.of("_csrf", ben.csrf(), "language", "en"))
        .statusCode()).isEqualTo(403);
    assertThat(ben.post("/console/survivors/" + survivor + "/telegram", Map.of("_csrf", ben.csrf())).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("every casework form posted without its CSRF token answers 403 and changes nothing")
  void csrf() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    String survivor = enrol(ana, "GT-2026-7002", "+50255572001");
    String base = "/console/survivors/" + survivor;
    for (String path : new String[] {"/console/survivors", base + "/consents", base + "/consents/c1/decision",
        base + "/details", base + "/pin", base + "/transfer", base + "/telegram", "/console/requests/" + survivor + ".R-AAAAAA/status"}) {
      assertThat(ana.post(path, Map.of("to", "revoked", "given", "in_person", "language", "en")).statusCode()).as(path).isEqualTo(403);
      assertThat(ana.post(path, Map.of("_csrf", "wrong", "to", "revoked", "given", "in_person")).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(ana.upload("/console/requests/" + survivor + ".R-AAAAAA/document", null, "a.pdf", ConsoleUser.pdf(100))
        .statusCode()).isEqualTo(403);
    assertThat(ana.get(base).bodyAsString()).contains("data-status=\"granted\"").doesNotContain("event.record.amended");
  }

  @Test
  @DisplayName("enrol by the form: errors beside their fields in the member's language, then the Telegram QR code page")
  void enrolForm() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    ConsoleUser sam = ConsoleUser.signedIn(voz, id("cm-sam"), "case_manager", "en");
    HttpResponse<Buffer> form = ana.get("/console/survivors/new");
    assertThat(form.statusCode()).isEqualTo(200);
    MultiMap bad = MultiMap.caseInsensitiveMultiMap().add("_csrf", ConsoleUser.csrf(form)).add("caseRef", "GT 2026")
        .add("language", "es").add("sms", "5555").add("pin", "12").add("timezone", "Mars/Base").add("from", "09:00")
        .add("to", "08:00").add("data", "case-notes");
    HttpResponse<Buffer> refused = ana.post("/console/survivors", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("govuk-error-summary",
        "data-error-for=\"caseRef\">Use solo letras", "data-error-for=\"sms\">Escriba un número que exista, con el código del país",
        "data-error-for=\"pin\">El PIN debe tener de 4 a 8 números.", "data-error-for=\"timezone\">No se conoce esa zona horaria",
        "data-error-for=\"to\">La hora de fin debe ser posterior", "data-error-for=\"recipient\">Complete este campo.")
        .contains("value=\"GT 2026\"").doesNotContain("value=\"12\"");
    // the summary at the top names each field by its label, links to it, in the order of the form
    assertThat(refused.bodyAsString()).containsPattern("(?s)govuk-error-summary.*"
        + "href=\"#caseRef\" data-summary-for=\"caseRef\">Referencia del caso: Use solo letras.*"
        + "href=\"#sms\" data-summary-for=\"sms\">Teléfono para SMS: Escriba un número.*"
        + "href=\"#timezone\" data-summary-for=\"timezone\">Zona horaria: No se conoce.*"
        + "href=\"#to\" data-summary-for=\"to\">Hasta: La hora de fin.*"
        + "href=\"#pin\" data-summary-for=\"pin\">PIN: El PIN debe tener.*"
        + "href=\"#recipient\" data-summary-for=\"recipient\">Con quién: Complete este campo.*</ul>");
    // the same mistakes in English for an English-speaking member
    bad.set("_csrf", sam.csrf());
    assertThat(sam.post("/console/survivors", bad).bodyAsString())
        .contains("data-error-for=\"pin\">The PIN must be 4 to 8 digits.", "data-error-for=\"sms\">Write a number that exists, with its country code");

    MultiMap good = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("caseRef", "GT-2026-7003")
        .add("language", "es").add("sms", "+502 5557 3001").add("pin", "4821").add("duressPin", "4821")
        .add("data", "case-notes").add("recipient", "shelter-casa-esperanza").add("purpose", "referral")
        .add("until", "2027-06-30").add("status", "granted");
    HttpResponse<Buffer> duress = ana.post("/console/survivors", good);
    assertThat(duress.statusCode()).isEqualTo(400); // the use case's rule, shown beside its field
    assertThat(duress.bodyAsString()).contains("data-error-for=\"duressPin\">El PIN de emergencia debe ser distinto del PIN.");
    good.set("duressPin", "7365");
    HttpResponse<Buffer> enrolled = ana.post("/console/survivors", good);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    assertThat(enrolled.bodyAsString()).contains("Persona inscrita", "data-telegram-qr", "<svg", "role=\"img\"",
        "https://t.me/").doesNotContain("7365", "4821");
    String survivor = ConsoleUser.find(enrolled.bodyAsString(), "href=\"/console/survivors/([^\"]+)\"[^>]*data-case-page");
    assertThat(ana.get("/console/survivors/" + survivor).bodyAsString()).contains("GT-2026-7003", "+50255573001");
    // the same number again: taken, beside the phone field
    good.set("caseRef", "GT-2026-7004");
    HttpResponse<Buffer> taken = ana.post("/console/survivors", good);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.bodyAsString()).contains("data-error-for=\"sms\">Ese número ya está inscrito.");
    // another case manager: the very answer of a number written wrong, not "already enrolled" (another's client)
    ConsoleUser ben = ConsoleUser.signedIn(voz, id("cm-ben"), "case_manager", "es");
    good.set("_csrf", ben.csrf());
    HttpResponse<Buffer> others = ben.post("/console/survivors", good);
    assertThat(others.statusCode()).isEqualTo(400);
    assertThat(others.bodyAsString()).contains("data-error-for=\"sms\">Escriba un número que exista, con el código del país")
        .doesNotContain("ya está inscrito");
  }

  @Test
  @VozConfig("contact.defaultRegion=GT")
  @DisplayName("enrol by the form in Guatemala's national form: kept in E.164; a number of a country of several time zones "
      + "without one: asked for, beside the time zone field")
  void enrolNationalNumber() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("caseRef", "EC-2026-7401")
        .add("language", "es").add("sms", "+593 99 765 4321").add("pin", "4821");
    HttpResponse<Buffer> asked = ana.post("/console/survivors", form);
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(400);
    assertThat(asked.bodyAsString()).contains("data-error-for=\"timezone\">El país de este número tiene varias zonas horarias");
    form.set("caseRef", "GT-2026-7401").set("sms", "5557 4001");
    HttpResponse<Buffer> enrolled = ana.post("/console/survivors", form);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String survivor = ConsoleUser.find(enrolled.bodyAsString(), "href=\"/console/survivors/([^\"]+)\"[^>]*data-case-page");
    assertThat(ana.get("/console/survivors/" + survivor).bodyAsString()).contains("GT-2026-7401", "+50255574001");
  }

  @Test
  @DisplayName("risk by form: the level shown, changed with a reason (beside its field when missing), a minor's not lowered "
      + "(409), in the ledger; the notice sent on purpose, or why not; enrolment at high needs a duress PIN")
  void riskAndNotice() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    String phone = "+50255573101";
    String survivor = enrol(ana, "GT-2026-7301", phone);
    String base = "/console/survivors/" + survivor;
    assertThat(ana.get(base).bodyAsString()).contains("data-risk-level=\"low\">Leve", "data-form=\"risk\"",
        "data-writes-first=\"true\"").doesNotContain("data-minor");

    HttpResponse<Buffer> noReason = ana.post(base + "/risk", Map.of("_csrf", ana.csrf(), "riskLevel", "high"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("data-error-for=\"riskReason\">Escriba el motivo del cambio.");
    HttpResponse<Buffer> raised = ana.post(base + "/risk",
        Map.of("_csrf", ana.csrf(), "riskLevel", "high", "riskReason", "Amenazas de un familiar"));
    assertThat(raised.getHeader("Location")).isEqualTo(base + "?done=risk");
    String page = ana.get(base + "?done=risk").bodyAsString();
    assertThat(page).contains("Nivel de riesgo cambiado.", "data-risk-level=\"high\">Alto", "Leve → Alto",
        "data-writes-first=\"false\"", "Con este nivel de riesgo Voz no escribe primero");

    // a date of birth that makes the record a minor's: lowering is refused beside the level
    String child = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(14).toString();
    MultiMap details = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("sms", phone).add("language", "es")
        .add("dateOfBirth", child).add("needsInterpreter", "true");
    assertThat(ana.post(base + "/details", details).getHeader("Location")).isEqualTo(base + "?done=details");
    assertThat(ana.get(base).bodyAsString()).contains("data-minor", "value=\"" + child + "\"");
    HttpResponse<Buffer> lowered = ana.post(base + "/risk",
        Map.of("_csrf", ana.csrf(), "riskLevel", "medium", "riskReason", "Vive con su tía"));
    assertThat(lowered.statusCode()).isEqualTo(409);
    assertThat(lowered.bodyAsString()).contains("data-error-for=\"riskLevel\">Este nivel es más bajo de lo que permite");

    // the notice: queued (the only message Voz writes first at high: RiskLevelsTest sees it sent); again, they are in
    // the conversation it opened
    assertThat(ana.post(base + "/notice", Map.of("_csrf", ana.csrf())).getHeader("Location")).isEqualTo(base + "?done=notice");
    HttpResponse<Buffer> again = ana.post(base + "/notice", Map.of("_csrf", ana.csrf()));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsString()).contains("data-error-for=\"notice\">La persona está en una conversación ahora");
    assertThat(ana.post(base + "/notice", Map.of()).statusCode()).as("without its CSRF token").isEqualTo(403);
    assertThat(ana.get(base).bodyAsString()).contains("Aviso enviado");

    // enrolment of a minor: a duress PIN is required, a lower level refused, each beside its field
    MultiMap enrolMinor = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("caseRef", "GT-2026-7302")
        .add("language", "es").add("sms", "+50255573102").add("pin", "4821").add("dateOfBirth", child)
        .add("riskLevel", "low").add("data", "").add("recipient", "").add("purpose", "").add("until", "");
    HttpResponse<Buffer> low = ana.post("/console/survivors", enrolMinor);
    assertThat(low.statusCode()).isEqualTo(400);
    assertThat(low.bodyAsString()).contains("data-error-for=\"riskLevel\">Este nivel es más bajo");
    enrolMinor.remove("riskLevel");
    HttpResponse<Buffer> noDuress = ana.post("/console/survivors", enrolMinor);
    assertThat(noDuress.statusCode()).isEqualTo(400);
    assertThat(noDuress.bodyAsString()).contains("data-error-for=\"duressPin\">Este nivel de riesgo exige un PIN de emergencia.");
    enrolMinor.add("duressPin", "7365");
    HttpResponse<Buffer> enrolled = ana.post("/console/survivors", enrolMinor);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
  }

  @Test
  @DisplayName("record upkeep, a consent request, a decision given in person (receipt shown), a PIN reset and a transfer, by form")
  void recordUpkeep() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    ConsoleUser ben = ConsoleUser.signedIn(voz, id("cm-ben"), "case_manager", "es");
    ConsoleUser admin = ConsoleUser.signedIn(voz, id("ad-ada"), "admin", "es");
    String survivor = enrol(ana, "GT-2026-7005", "+50255575001");
    String base = "/console/survivors/" + survivor;

    // details: a bad phone and an unsafe channel, beside their fields; then the change, with its ledger event
    MultiMap details = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("sms", "+50255575009")
        .add("whatsapp", "abc").add("language", "pt").add("timezone", "America/Guatemala").add("from", "09:00")
        .add("to", "17:00").add("channels", "sms").add("exitedOn", "2026-10-31");
    HttpResponse<Buffer> badPhone = ana.post(base + "/details", details);
    assertThat(badPhone.statusCode()).isEqualTo(400);
    assertThat(badPhone.bodyAsString()).contains("data-error-for=\"whatsapp\">Escriba un número que exista").contains("value=\"abc\"");
    details.set("whatsapp", "").set("channels", "whatsapp");
    HttpResponse<Buffer> unsafe = ana.post(base + "/details", details);
    assertThat(unsafe.statusCode()).isEqualTo(400);
    assertThat(unsafe.bodyAsString()).contains("data-error-for=\"channels\">Marque solo canales de los contactos");
    details.set("channels", "sms");
    assertThat(ana.post(base + "/details", details).getHeader("Location")).isEqualTo(base + "?done=details");
    assertThat(ana.get(base + "?done=details").bodyAsString()).contains("Datos actualizados.", "+50255575009",
        "America/Guatemala", "2026-10-31", "Portugués");

    // a consent request: the form offers the next free id (c1 and c2 are taken)
    assertThat(ana.get(base).bodyAsString()).containsPattern("id=\"consentId\"[^>]*value=\"c3\"");
    // a date in the past is refused beside its field; then it is pending
    MultiMap request = MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf()).add("consentId", "c3")
        .add("data", "contact-details").add("recipient", "legal-aid-network").add("purpose", "legal-support")
        .add("until", "2020-01-01");
    assertThat(ana.post(base + "/consents", request).bodyAsString())
        .contains("data-error-for=\"until\">La fecha debe ser posterior a hoy.");
    request.set("until", "2027-12-31");
    assertThat(ana.post(base + "/consents", request).statusCode()).isEqualTo(303);
    request.set("consentId", "c4");
    assertThat(ana.post(base + "/consents", request).bodyAsString()).contains("data-error-for=\"recipient\">Ya hay un consentimiento");

    // a revocation given in person: without "how", beside the radios; then the receipt in the notice and the ledger
    assertThat(ana.post(base + "/consents/c1/decision", Map.of("_csrf", ana.csrf(), "to", "revoked")).bodyAsString())
        .contains("data-error-for=\"given:c1\">Elija una opción.");
    HttpResponse<Buffer> revoked = ana.post(base + "/consents/c1/decision",
        Map.of("_csrf", ana.csrf(), "to", "revoked", "given", "in_person", "reason", ""));
    assertThat(revoked.statusCode()).isEqualTo(303);
    String receipt = revoked.getHeader("Location").replaceAll(".*receipt=", "");
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    String after = ana.get(revoked.getHeader("Location")).bodyAsString();
    assertThat(after).contains("data-receipt>" + receipt, "data-status=\"revoked\"", "registrado por " + ana.id, "en persona",
        "data-event-receipt>" + receipt);
    waitFor(() -> stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> r.getBodyAsString().contains(receipt)), Duration.ofSeconds(10));

    // a PIN reset: the two PINs must agree; no PIN is shown back
    HttpResponse<Buffer> mismatch = ana.post(base + "/pin", Map.of("_csrf", ana.csrf(), "pin", "123456", "pinAgain", "123457"));
    assertThat(mismatch.bodyAsString()).contains("data-error-for=\"pinAgain\">Los dos PIN no coinciden.").doesNotContain("123456");
    // listed at the top by the field's label; the link's target, and the PIN label's, is the one element with its id
    assertThat(mismatch.bodyAsString()).contains("href=\"#pinAgain\" data-summary-for=\"pinAgain\">Repita el PIN: Los dos PIN no coinciden.");
    assertThat(mismatch.bodyAsString().split("id=\"pin\"", -1)).as("elements with id=pin").hasSize(2);
    assertThat(ana.post(base + "/pin", Map.of("_csrf", ana.csrf(), "pin", "123456", "pinAgain", "123456")).statusCode()).isEqualTo(303);

    // a case manager may not transfer; an admin does, and the survivor moves to ben
    assertThat(ana.post(base + "/transfer", Map.of("_csrf", ana.csrf(), "caseManager", ben.id)).statusCode()).isEqualTo(403);
    assertThat(admin.get(base).bodyAsString()).contains("data-form=\"transfer\"");
    // an admin's inbox and caseload are everyone's: said so, in each language
    assertThat(admin.get("/console").bodyAsString()).contains("Alertas pendientes de todos los casos")
        .doesNotContain("de sus casos");
    assertThat(ana.get("/console").bodyAsString()).contains("Alertas pendientes de sus casos");
    ConsoleUser eve = ConsoleUser.signedIn(voz, id("ad-eve"), "admin", "en");
    assertThat(eve.get("/console").bodyAsString()).contains("Open alerts about every case").doesNotContain("your cases");
    assertThat(eve.get("/console/survivors").bodyAsString()).contains("s cases</h1>", "identifier to see their cases")
        .doesNotContain("Nobody is enrolled yet");
    assertThat(admin.post(base + "/transfer", Map.of("_csrf", admin.csrf(), "caseManager", "cm-nobody")).bodyAsString())
        .contains("data-error-for=\"caseManager\">No hay un gestor o gestora con ese identificador.");
    assertThat(admin.post(base + "/transfer", Map.of("_csrf", admin.csrf(), "caseManager", ben.id)).statusCode()).isEqualTo(303);
    assertThat(ben.get(base).statusCode()).isEqualTo(200);
    assertThat(ana.get(base).statusCode()).isEqualTo(403);
    assertThat(ben.get("/console/survivors").bodyAsString()).contains(survivor);
    assertThat(ana.get("/console/survivors").bodyAsString()).doesNotContain(survivor);
    // the admin names whose caseload to list: the count says whose
    assertThat(eve.get("/console/survivors?caseManager=" + ben.id).bodyAsString())
        .contains("data-caseload-count>" + ben.id + " has one person enrolled.</p>", survivor);
  }

  @Test
  @DisplayName("a file request: a refusal needs its reason, the status changes, a PDF upload (not a PDF 400, too large 413)")
  void fileRequest() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, id("cm-ana"), "case_manager", "es");
    ConsoleUser ben = ConsoleUser.signedIn(voz, id("cm-ben"), "case_manager", "es");
    String phone = "+50255576001";
    String survivor = enrol(ana, "GT-2026-7006", phone, false);
    String reference = askForCopy(phone);
    String request = survivor + "." + reference;
    String base = "/console/survivors/" + survivor;
    assertThat(ana.get(base).bodyAsString()).contains("data-request=\"" + reference + "\"", "Copia del expediente", "Abierta");

    HttpResponse<Buffer> noReason = ana.post("/console/requests/" + request + "/status",
        Map.of("_csrf", ana.csrf(), "status", "refused", "note", ""));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("data-error-for=\"note:" + reference + "\">Escriba el motivo del rechazo");
    assertThat(ben.post("/console/requests/" + request + "/status", Map.of("_csrf", ben.csrf(), "status", "in_progress"))
        .statusCode()).isEqualTo(403);
    HttpResponse<Buffer> moved = ana.post("/console/requests/" + request + "/status",
        Map.of("_csrf", ana.csrf(), "status", "in_progress", "note", "Lo estamos preparando"));
    assertThat(moved.getHeader("Location")).isEqualTo(base + "?done=status&request=" + reference + "#request-" + reference);
    assertThat(ana.get(base).bodyAsString()).contains("data-request-status=\"in_progress\"", "Lo estamos preparando");
    HttpResponse<Buffer> backwards = ana.post("/console/requests/" + request + "/status", Map.of("_csrf", ana.csrf(), "status", "open"));
    assertThat(backwards.statusCode()).isEqualTo(409);
    assertThat(backwards.bodyAsString()).contains("data-error-for=\"status:" + reference + "\">No se puede desde el estado actual.");

    HttpResponse<Buffer> notPdf = ana.upload("/console/requests/" + request + "/document", ana.csrf(), "a.pdf",
        "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(notPdf.statusCode()).isEqualTo(400);
    assertThat(notPdf.bodyAsString()).contains("data-error-for=\"document:" + reference + "\">El archivo no es un PDF.");
    HttpResponse<Buffer> large = ana.upload("/console/requests/" + request + "/document", ana.csrf(), "a.pdf",
        ConsoleUser.pdf(MAX_DOCUMENT + 1));
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(large.bodyAsString()).contains("El archivo es demasiado grande.");
    assertThat(ben.upload("/console/requests/" + request + "/document", ben.csrf(), "a.pdf", ConsoleUser.pdf(1000))
        .statusCode()).isEqualTo(403);
    HttpResponse<Buffer> stored = ana.upload("/console/requests/" + request + "/document", ana.csrf(), "a.pdf", ConsoleUser.pdf(1000));
    // back at that request's card, which says so
    assertThat(stored.getHeader("Location")).as(stored.bodyAsString())
        .isEqualTo(base + "?done=document&request=" + reference + "#request-" + reference);
    assertThat(ana.get(base + "?done=document&request=" + reference).bodyAsString())
        .containsPattern("(?s)id=\"request-" + reference + "\".*data-notice>.*Documento guardado \\(cifrado\\)\\.")
        .contains("data-document=\"true\"");
    JsonArray listed = await(voz.client.get("/api/v1/requests").bearerTokenAuthentication(ana.token).send())
        .bodyAsJsonObject().getJsonArray("requests");
    assertThat(listed.getJsonObject(0).getBoolean("document")).isTrue();
  }

  /** The survivor asks by SMS for a copy of their file by link; returns the request's reference. */
  private String askForCopy(String phone) throws Exception {
    String[] texts = {"hola", "4821", "documentos", "1", "copia", "2", "Para la visa"};
    for (String text : texts) {
      int before = Stubs.bodiesTo(stub, phone).size();
      await(voz.sms(phone, text, VozHarness.newSid()));
      waitFor(() -> Stubs.bodiesTo(stub, phone).size() > before, Duration.ofSeconds(10));
    }
    return ConsoleUser.find(String.join("\n", Stubs.bodiesTo(stub, phone)), "(R-[23456789A-HJ-NP-Z]{6})");
  }
}
