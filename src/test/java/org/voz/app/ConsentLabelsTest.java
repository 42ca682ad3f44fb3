package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.LogCapture;

/**
 * The catalogue of consent codes (issue 18): every data kind, recipient and purpose has its label in every language;
 * a code without one is refused in production (400 naming the field) and taken with a WARN line in development.
 */
@VozTest
@DisplayName("Consent codes: the catalogue of labels, an unlabelled code refused in production and logged in dev")
class ConsentLabelsTest {

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  /** A new case manager: {id, token}. */
  private static String[] caseManager(VozHarness voz) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    return new String[] {cm, await(voz.createStaff(cm, "case_manager"))};
  }

  private static HttpResponse<Buffer> enrol(VozHarness voz, String[] cm, String phone, ConsentJson consent)
      throws Exception {
    return await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(cm[1])
        .sendJsonObject(EnrolmentJson.standard(cm[0], "es", "sms", phone).consent(consent).json()));
  }

  private static HttpResponse<Buffer> ask(VozHarness voz, String[] cm, String survivorId, ConsentJson consent)
      throws Exception {
    return await(voz.client.post("/api/v1/survivors/" + survivorId + "/consents").bearerTokenAuthentication(cm[1])
        .sendJsonObject(consent.json()));
  }

  private List<String> warnings() {
    return logs.events().stream().filter(e -> e.getLevel() == Level.WARN)
        .filter(e -> e.getLoggerName().endsWith("ConsentCodes")).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  @VozConfig("env=production")
  @DisplayName("production: an enrolment or a consent request with an unlabelled code is a 400 naming the field")
  void refusedInProduction(VozHarness voz) throws Exception {
    String[] cm = caseManager(voz);
    HttpResponse<Buffer> refused = enrol(voz, cm, "+50255571001",
        ConsentJson.caseNotes("c9").purpose("case-management").recipient("clinica-sin-nombre"));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    JsonObject error = refused.bodyAsJsonObject();
    assertThat(error.getString("error")).isEqualTo("unlabelled_code");
    assertThat(error.getString("field")).isEqualTo("consents[1].recipient");
    assertThat(error.getString("message")).contains("clinica-sin-nombre").contains("labels");

    HttpResponse<Buffer> enrolled = enrol(voz, cm, "+50255571002", ConsentJson.caseNotes("c9").purpose("case-management"));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> asked = ask(voz, cm, id, ConsentJson.medical("c2", "pending").purpose("something-new"));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(400);
    assertThat(asked.bodyAsJsonObject().getString("error")).isEqualTo("unlabelled_code");
    assertThat(asked.bodyAsJsonObject().getString("field")).isEqualTo("purpose");
    HttpResponse<Buffer> data = ask(voz, cm, id, ConsentJson.medical("c2", "pending").data("bank-records"));
    assertThat(data.bodyAsJsonObject().getString("field")).as(data.bodyAsString()).isEqualTo("data");

    // nothing was recorded by the refused request; a labelled one is taken
    HttpResponse<Buffer> labelled = ask(voz, cm, id, ConsentJson.medical("c2", "pending"));
    assertThat(labelled.statusCode()).as(labelled.bodyAsString()).isEqualTo(201);
    assertThat(warnings()).isEmpty();
  }

  @Test
  @DisplayName("development: the unlabelled code is taken, with a WARN line naming only its kind and code")
  void warnedInDev(VozHarness voz) throws Exception {
    String[] cm = caseManager(voz);
    HttpResponse<Buffer> enrolled = enrol(voz, cm, "+50255571003",
        ConsentJson.caseNotes("c9").purpose("case-management").recipient("clinica-sin-nombre"));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> asked = ask(voz, cm, enrolled.bodyAsJsonObject().getString("id"),
        ConsentJson.medical("c2", "pending").purpose("something-new"));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(201);
    assertThat(warnings()).containsExactly("consent code without a label kind=recipient code=clinica-sin-nombre",
        "consent code without a label kind=purpose code=something-new");
    assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("50255571003"));
  }

  @Test
  @DisplayName("GET /api/v1/labels: every code of each kind with its label in every language, for any staff role")
  void catalogue(VozHarness voz) throws Exception {
    String coordinator = await(voz.createStaff("co-" + UUID.randomUUID().toString().substring(0, 8), "coordinator"));
    HttpResponse<Buffer> got = await(voz.client.get("/api/v1/labels").bearerTokenAuthentication(coordinator).send());
    assertThat(got.statusCode()).as(got.bodyAsString()).isEqualTo(200);
    JsonObject body = got.bodyAsJsonObject();
    assertThat(body.getJsonArray("languages").getList()).containsExactly("es", "en", "pt", "fr", "ht");
    JsonObject clinic = body.getJsonObject("recipient").getJsonObject("clinic-salud-digna");
    assertThat(clinic.getString("es")).isEqualTo("Salud Digna");
    assertThat(body.getJsonObject("recipient").getJsonObject("legal-aid-network").getString("en"))
        .isEqualTo("the legal network");
    assertThat(body.getJsonObject("data").getJsonObject("case-notes").getString("fr")).isEqualTo("les notes de votre dossier");
    assertThat(body.getJsonObject("purpose").getJsonObject("medical-care").getString("ht")).isEqualTo("swen medikal");
    for (String kind : List.of("data", "recipient", "purpose")) {
      body.getJsonObject(kind).forEach(entry -> assertThat(((JsonObject) entry.getValue()).fieldNames())
          .as(kind + "." + entry.getKey()).containsExactlyInAnyOrder("es", "en", "pt", "fr", "ht"));
    }
    assertThat(await(voz.client.get("/api/v1/labels").send()).statusCode()).isEqualTo(401);
  }
}
