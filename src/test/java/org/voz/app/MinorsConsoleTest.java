package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/**
 * A minor's representative on the console over plain HTTP (on the system clock: the console's second factor is a
 * TOTP code of now): shown and edited on the survivor's page and at enrolment, their answer recorded by its button.
 */
@VozTest
@VozConfig("console.passwordIterations=1000")
@DisplayName("Console: a minor's representative on the survivor's page and at enrolment, their answer by its button")
class MinorsConsoleTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  private VozHarness voz;
  private WireMockServer stub;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) {
    this.voz = voz;
    this.stub = stub;
  }

  @Test
  @DisplayName("the console: the representative shown and edited on the survivor's page (errors beside their fields), "
      + "the representative's answer by its button, with the receipt; CSRF refused")
  void console() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-" + UUID.randomUUID().toString().substring(0, 8), "case_manager", "es");
    String phone = "+50255585001";
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard(ana.id, "es", "sms", phone).caseRef("GT-2026-8501")
            .consent(ConsentJson.medical("c2", "pending")).dateOfBirth(TODAY.minusYears(15).toString())
            .duressPin("7365").json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String base = "/console/survivors/" + enrolled.bodyAsJsonObject().getString("id");
    Stubs.converse(voz, stub, phone, "hola", "4821", "1");

    String page = ana.get(base).bodyAsString();
    assertThat(page).contains("data-representative=\"none\"", "Esta persona es menor de edad: registre a su representante",
        "data-status=\"pending_representative\"", "data-representative-answer=\"c2\"",
        "Registre primero a su representante y luego su respuesta.");
    for (String path : List.of(base + "/representative", base + "/consents/c2/representative")) {
      assertThat(ana.post(path, Map.of("answer", "confirmed", "repName", "X", "repRelation", "Y")).statusCode())
          .as(path).isEqualTo(403);
    }

    HttpResponse<Buffer> nobody = ana.post(base + "/consents/c2/representative", Map.of("_csrf", ana.csrf(), "answer", "confirmed"));
    assertThat(nobody.statusCode()).isEqualTo(409);
    assertThat(nobody.bodyAsString()).contains("data-error-for=\"answer:c2\">Registre primero a su representante");

    HttpResponse<Buffer> noRelation = ana.post(base + "/representative",
        Map.of("_csrf", ana.csrf(), "repName", "María López", "repRelation", "", "repPhone", "5555"));
    assertThat(noRelation.statusCode()).isEqualTo(400);
    assertThat(noRelation.bodyAsString()).contains("data-error-for=\"repRelation\"", "data-error-for=\"repPhone\"",
        "value=\"María López\"");
    // the minor's own number is not their representative's; another survivor's reads as enrolled to their case manager
    HttpResponse<Buffer> ownPhone = ana.post(base + "/representative",
        Map.of("_csrf", ana.csrf(), "repName", "María López", "repRelation", "madre", "repPhone", phone));
    assertThat(ownPhone.statusCode()).isEqualTo(400);
    assertThat(ownPhone.bodyAsString()).contains("data-error-for=\"repPhone\"",
        "Ese es el número de la persona menor: escriba el número de su representante.");
    String adultPhone = "+50255585009";
    assertThat(await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard(ana.id, "es", "sms", adultPhone).caseRef("GT-2026-8509").json()))
        .statusCode()).isEqualTo(201);
    HttpResponse<Buffer> enrolledPhone = ana.post(base + "/representative",
        Map.of("_csrf", ana.csrf(), "repName", "María López", "repRelation", "madre", "repPhone", adultPhone));
    assertThat(enrolledPhone.statusCode()).isEqualTo(409);
    assertThat(enrolledPhone.bodyAsString()).contains("data-error-for=\"repPhone\"", "Ese número ya está inscrito.");
    HttpResponse<Buffer> saved = ana.post(base + "/representative",
        Map.of("_csrf", ana.csrf(), "repName", "María López", "repRelation", "madre", "repPhone", "+502 5559 9999"));
    assertThat(saved.getHeader("Location")).isEqualTo(base + "?done=representative");
    assertThat(ana.get(saved.getHeader("Location")).bodyAsString()).contains("Representante guardado.",
        "data-representative-name>María López", "+50255599999", "La persona es menor de edad y dijo que sí en el chat.");

    HttpResponse<Buffer> yes = ana.post(base + "/consents/c2/representative",
        Map.of("_csrf", ana.csrf(), "answer", "confirmed", "note", "Por teléfono"));
    assertThat(yes.statusCode()).isEqualTo(303);
    String receipt = yes.getHeader("Location").replaceAll(".*receipt=", "");
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    String after = ana.get(yes.getHeader("Location")).bodyAsString();
    assertThat(after).contains("Se registró el sí de su representante", "data-receipt>" + receipt,
        "data-status=\"granted\"", "según la respuesta de su representante", "data-event-receipt>" + receipt)
        .doesNotContain("data-representative-answer=\"c2\"");

    // enrolled by the form with a representative: a relation is needed with the name; then shown on the page
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf())
        .add("caseRef", "GT-2026-8502").add("language", "es").add("sms", "+50255585002").add("pin", "4821")
        .add("duressPin", "7365").add("dateOfBirth", TODAY.minusYears(12).toString()).add("data", "case-notes")
        .add("recipient", "shelter-casa-esperanza").add("purpose", "referral").add("until", "2027-06-30")
        .add("status", "granted").add("repName", "Rosa Díaz").add("repRelation", "");
    HttpResponse<Buffer> noRelation2 = ana.post("/console/survivors", form);
    assertThat(noRelation2.statusCode()).isEqualTo(400);
    assertThat(noRelation2.bodyAsString()).contains("data-error-for=\"repRelation\"", "value=\"Rosa Díaz\"");
    form.set("repRelation", "tía, tutora legal");
    HttpResponse<Buffer> enrolledByForm = ana.post("/console/survivors", form);
    assertThat(enrolledByForm.statusCode()).as(enrolledByForm.bodyAsString()).isEqualTo(201);
    String other = ConsoleUser.find(enrolledByForm.bodyAsString(), "href=\"/console/survivors/([^\"]+)\"[^>]*data-case-page");
    assertThat(ana.get("/console/survivors/" + other).bodyAsString()).contains("data-representative-name>Rosa Díaz",
        "tía, tutora legal");

    // every field empty: the representative is removed
    assertThat(ana.post(base + "/representative", Map.of("_csrf", ana.csrf(), "repName", "", "repRelation", "", "repPhone", ""))
        .statusCode()).isEqualTo(303);
    assertThat(ana.get(base).bodyAsString()).contains("data-representative=\"none\"").doesNotContain("María López");
  }

  @Test
  @DisplayName("the representative's PIN by the console: write-only, set at enrolment, kept when left empty, changed by "
      + "an edit, refused beside its field when it is the survivor's PIN or emergency PIN; the new PIN opens their chat")
  void representativePin() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-" + UUID.randomUUID().toString().substring(0, 8), "case_manager", "es");
    String repPhone = "+50255586901";
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("_csrf", ana.csrf())
        .add("caseRef", "GT-2026-8601").add("language", "es").add("sms", "+50255586001").add("pin", "4821")
        .add("duressPin", "7365").add("dateOfBirth", TODAY.minusYears(14).toString()).add("data", "case-notes")
        .add("recipient", "shelter-casa-esperanza").add("purpose", "referral").add("until", "2027-06-30")
        .add("status", "granted").add("repName", "Rosa Díaz").add("repRelation", "tía").add("repPhone", repPhone)
        .add("repPin", "4821");
    HttpResponse<Buffer> samePin = ana.post("/console/survivors", form);
    assertThat(samePin.statusCode()).isEqualTo(400);
    assertThat(samePin.bodyAsString()).contains("data-error-for=\"repPin\">" + REP_PIN_ERROR)
        .contains("name=\"repPin\"", "type=\"password\"", "inputmode=\"numeric\"").doesNotContain("value=\"4821\"");
    form.set("repPin", "5093");
    HttpResponse<Buffer> enrolled = ana.post("/console/survivors", form);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String base = "/console/survivors/"
        + ConsoleUser.find(enrolled.bodyAsString(), "href=\"/console/survivors/([^\"]+)\"[^>]*data-case-page");
    assertThat(ana.get(base).bodyAsString()).contains("id=\"repPin\"").doesNotContain("5093");
    assertThat(chat(repPhone, "5093")).as("the PIN set at enrolment").matches(OPENED);

    // the survivor's PIN or emergency PIN, or not 4 to 8 digits: refused beside the field, nothing changed
    for (String wrong : List.of("4821", "7365")) {
      HttpResponse<Buffer> refused = ana.post(base + "/representative", Map.of("_csrf", ana.csrf(), "repName", "Rosa Díaz",
          "repRelation", "tía", "repPhone", repPhone, "repPin", wrong));
      assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
      assertThat(refused.bodyAsString()).contains("data-error-for=\"repPin\">" + REP_PIN_ERROR)
          .doesNotContain("value=\"" + wrong + "\"");
    }
    HttpResponse<Buffer> short_ = ana.post(base + "/representative", Map.of("_csrf", ana.csrf(), "repName", "Rosa Díaz",
        "repRelation", "tía", "repPhone", repPhone, "repPin", "12"));
    assertThat(short_.statusCode()).isEqualTo(400);
    assertThat(short_.bodyAsString()).contains("data-error-for=\"repPin\">El PIN debe tener de 4 a 8 números.");

    // left empty: the PIN stays
    assertThat(ana.post(base + "/representative", Map.of("_csrf", ana.csrf(), "repName", "Rosa Díaz", "repRelation",
        "tía, tutora legal", "repPhone", repPhone, "repPin", "")).statusCode()).isEqualTo(303);
    assertThat(chat(repPhone, "5093")).as("kept by an edit without a PIN").matches(OPENED);

    // changed by an edit: the old PIN no longer opens the chat, the new one does
    assertThat(ana.post(base + "/representative", Map.of("_csrf", ana.csrf(), "repName", "Rosa Díaz", "repRelation",
        "tía, tutora legal", "repPhone", repPhone, "repPin", "6174")).statusCode()).isEqualTo(303);
    assertThat(chat(repPhone, "5093")).isEqualTo("Ese PIN no es correcto. Intenta de nuevo.");
    assertThat(Stubs.converse(voz, stub, repPhone, "6174").get(0)).as("the new PIN").matches(OPENED);
  }

  private static final String REP_PIN_ERROR = "El PIN de su representante debe ser distinto de los PIN de la persona.";
  /** The chat opened: a grant waiting for the representative, or nothing to answer. */
  private static final String OPENED = "(?s)(No hay nada que responder ahora\\.|Un menor a tu cargo).*";

  /** A new representative's chat (after a quick exit): the PIN prompt, then the answer to {@code pin}. */
  private String chat(String repPhone, String pin) throws Exception {
    List<String> replies = Stubs.converse(voz, stub, repPhone, "SALIR", "hola", pin);
    assertThat(replies.get(1)).isEqualTo("Hola. Responde con tu PIN para seguir.");
    return replies.get(2);
  }
}
