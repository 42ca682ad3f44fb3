package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozConfig("contact.defaultRegion=GT")
@VozClock("2026-11-23T13:59:59Z") // 07:59:59 in Guatemala, within 08:00-20:00 UTC
@DisplayName("Phone numbers as staff write them: the programme country's national form, E.164 kept, the number's time zone")
class NationalNumbersTest {

  private WireMockServer stub;
  private MutableClock clock;
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub, MutableClock clock) throws Exception {
    this.voz = voz;
    this.stub = stub;
    this.clock = clock;
    await(voz.createStaff("cm-n", "case_manager"));
  }

  private HttpResponse<Buffer> enrol(String caseRef, String sms, JsonObject window) throws Exception {
    JsonObject body = new JsonObject().put("caseRef", caseRef).put("language", "es").put("caseManager", "cm-n")
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", sms)))
        .put("pin", "4821");
    if (window != null) {
      body.put("contactWindow", window);
    }
    return await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(body));
  }

  private int messagesTo(String number) {
    return (int) stub.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).stream()
        .filter(r -> r.getBodyAsString().contains("To=" + number.replace("+", "%2B"))).count();
  }

  @Test
  @DisplayName("'5555 6101' is enrolled as +50255556101, and Voz writes first to it in Guatemala's hours, not UTC's")
  void nationalFormAndItsZone() throws Exception {
    HttpResponse<Buffer> enrolled = enrol("GT-N-1", "5555 6101", null);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> request = await(voz.client.post("/api/v1/survivors/" + id + "/consents")
        .bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", "r1").put("data", "case-notes").put("recipient", "legal-aid")
            .put("purpose", "legal-support").put("until", "2027-05-01").put("status", "pending")));
    assertThat(request.statusCode()).as(request.bodyAsString()).isEqualTo(201);

    // 07:59:59 in Guatemala: the nudge waits for 08:00 there (in UTC's hours it would have gone at once)
    holdsFor(Duration.ofMillis(600), () -> messagesTo("+50255556101") == 0);
    assertThat(messagesTo("+50255556101")).as("nothing before 08:00 in Guatemala").isZero();
    clock.advance(Duration.ofSeconds(2));
    waitFor(() -> messagesTo("+50255556101") == 1, Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("'+502 5555 6102' and '5555-6102' are one number; an impossible one is a 400 on its field; a record's "
      + "upkeep takes the national form too")
  void oneNumberInEveryForm() throws Exception {
    HttpResponse<Buffer> first = enrol("GT-N-2", "+502 5555 6102", null);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> again = enrol("GT-N-3", "5555-6102", null);
    assertThat(again.statusCode()).as("the same number, written otherwise: " + again.bodyAsString()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("field")).isEqualTo("contacts[0].address");

    for (String impossible : new String[] {"+502 555", "555 6102", "+502 5555 6102 99", "5555 abcd"}) {
      HttpResponse<Buffer> refused = enrol("GT-N-4", impossible, null);
      assertThat(refused.statusCode()).as(impossible + ": " + refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).as(impossible).isEqualTo("contacts[0].address");
      assertThat(refused.bodyAsJsonObject().getString("message")).as(impossible).contains("country code");
    }

    String id = first.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> amended = await(voz.client.patch("/api/v1/survivors/" + id)
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("contacts", new JsonArray()
            .add(new JsonObject().put("channel", "whatsapp").put("address", "5555 6103")))));
    assertThat(amended.statusCode()).as(amended.bodyAsString()).isEqualTo(200);
    assertThat(amended.bodyAsJsonObject().getJsonArray("contacts").getJsonObject(0).getString("address"))
        .isEqualTo("+50255556103");
  }

  @Test
  @DisplayName("a representative's number in the national form is kept in E.164; an impossible one is a 400 on its field")
  void representativeNumber() throws Exception {
    HttpResponse<Buffer> enrolled = enrol("GT-N-9", "5555 6109", null);
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String id = enrolled.bodyAsJsonObject().getString("id");
    JsonObject representative = new JsonObject().put("name", "Rosa Díaz").put("relation", "tía")
        .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", "5555 6199")));
    HttpResponse<Buffer> amended = await(voz.client.patch("/api/v1/survivors/" + id)
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("representative", representative)));
    assertThat(amended.statusCode()).as(amended.bodyAsString()).isEqualTo(200);
    assertThat(amended.bodyAsJsonObject().getJsonObject("representative").getJsonArray("contacts").getJsonObject(0)
        .getString("address")).isEqualTo("+50255556199");

    representative.getJsonArray("contacts").getJsonObject(0).put("address", "555 61");
    HttpResponse<Buffer> refused = await(voz.client.patch("/api/v1/survivors/" + id)
        .bearerTokenAuthentication(VozHarness.ADMIN).sendJsonObject(new JsonObject().put("representative", representative)));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("representative.contacts[0].address");
  }

  @Test
  @DisplayName("a number of a country with several time zones (Ecuador: the mainland and the Galápagos) and no time zone "
      + "given: a 400 asking for it, beside contactWindow.timezone; with one, enrolled")
  void severalZonesAskForOne() throws Exception {
    HttpResponse<Buffer> asked = enrol("EC-N-1", "+593 99 123 4567", null);
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(400);
    assertThat(asked.bodyAsJsonObject().getString("error")).isEqualTo("timezone_required");
    assertThat(asked.bodyAsJsonObject().getString("field")).isEqualTo("contactWindow.timezone");
    assertThat(asked.bodyAsJsonObject().getString("message")).contains("America/Guayaquil", "Pacific/Galapagos");

    HttpResponse<Buffer> given = enrol("EC-N-1", "+593 99 123 4567", new JsonObject()
        .put("timezone", "America/Guayaquil").put("from", "08:00").put("to", "20:00"));
    assertThat(given.statusCode()).as(given.bodyAsString()).isEqualTo(201);
  }
}
