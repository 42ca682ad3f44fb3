package org.voz.app;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@VozConfig({"feedback.invitations.perSecond=1000", "feedback.updates.perCampaign=2"})
@DisplayName("Closing the loop: only the campaign's creator or an admin, once per text, no links or numbers, never to an "
    + "anonymous answerer")
class CampaignUpdatesTest {

  private static final String THANKS = "Gracias: ahora abrimos los sabados.";

  private WireMockServer stub;
  private VozHarness voz;
  private String owner;
  private String other;
  private final String linkedPhone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
  private final String anonymousPhone = "+1556" + (1_000_000 + (int) (Math.random() * 8_999_999));

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
    owner = await(voz.createStaff("co-own-" + UUID.randomUUID().toString().substring(0, 6), "coordinator"));
    other = await(voz.createStaff("co-oth-" + UUID.randomUUID().toString().substring(0, 6), "coordinator"));
    enrol(linkedPhone);
    enrol(anonymousPhone);
    var created = await(voz.client.post("/api/v1/campaigns").bearerTokenAuthentication(owner)
        .sendJsonObject(new JsonObject().put("id", "exit-loop").put("surveyId", "exit")
            .put("startAt", Instant.now().minusSeconds(60).toString())
            .put("closesAt", Instant.now().plus(Duration.ofDays(10)).toString())
            .put("quietHours", new JsonObject().put("from", "00:00").put("to", "00:00")))); // never quiet
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(await(voz.voz.campaignFanout().run())).isEqualTo(2);
    waitFor(() -> Stubs.bodiesTo(stub, linkedPhone).size() == 1 && Stubs.bodiesTo(stub, anonymousPhone).size() == 1,
        Duration.ofSeconds(10));
    answer(linkedPhone, "2"); // with my name, so they can reply
    answer(anonymousPhone, "1"); // anonymous
  }

  private void enrol(String phone) throws Exception {
    String cm = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    await(voz.createStaff(cm, "case_manager"));
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("caseRef", "GT-LOOP").put("language", "es").put("caseManager", cm)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821").put("feedback", new JsonObject().put("acceptsRequests", true))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** The PIN, yes to the survey, the mode, may show comments, and the first question answered. */
  private void answer(String phone, String mode) throws Exception {
    for (String text : List.of("4821", "1", mode, "1", "4")) {
      assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
    waitFor(() -> Stubs.bodiesTo(stub, phone).size() >= 6, Duration.ofSeconds(10));
  }

  private HttpResponse<Buffer> publish(String token, JsonObject body) throws Exception {
    return await(voz.client.post("/api/v1/campaigns/exit-loop/updates").bearerTokenAuthentication(token)
        .sendJsonObject(body));
  }

  private static JsonObject text(String es) {
    return new JsonObject().put("text", new JsonObject().put("es", es));
  }

  private long received(String phone, String text) {
    return Stubs.bodiesTo(stub, phone).stream().filter(text::equals).count();
  }

  @Test
  @DisplayName("another coordinator cannot publish on the campaign (403) and nobody is texted")
  void onlyTheCreator() throws Exception {
    HttpResponse<Buffer> refused = publish(other, text(THANKS));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    holdsFor(Duration.ofMillis(500), () -> received(linkedPhone, THANKS) == 0);
    assertThat(publish(VozHarness.ADMIN, text(THANKS)).statusCode()).as("an admin may").isEqualTo(202);
  }

  @Test
  @DisplayName("the linked answerer gets the update once, however often it is posted; the anonymous one never")
  void oncePerTextLinkedOnly() throws Exception {
    HttpResponse<Buffer> first = publish(owner, text(THANKS));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    assertThat(first.bodyAsJsonObject().getInteger("queued")).isEqualTo(1);
    HttpResponse<Buffer> again = publish(owner, text(THANKS));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
    assertThat(again.bodyAsJsonObject().getInteger("queued")).isZero();
    assertThat(publish(VozHarness.ADMIN, text(THANKS)).statusCode()).as("whoever posts it again").isEqualTo(200);

    waitFor(() -> received(linkedPhone, THANKS) == 1, Duration.ofSeconds(10));

    // a post that died while sending leaves its claim to expire: the next one goes on, and reaches nobody twice
    String claim = voz.prefix + ":fb:{exit-loop}:update:" + first.bodyAsJsonObject().getString("updateId");
    assertThat(await(voz.redis.future(voz.redis.commands().del(claim)))).isEqualTo(1L);
    assertThat(publish(owner, text(THANKS)).statusCode()).isEqualTo(202);
    holdsFor(Duration.ofMillis(500), () -> received(linkedPhone, THANKS) == 1);
    assertThat(Stubs.bodiesTo(stub, anonymousPhone)).noneMatch(b -> b.contains("sabados"));
  }

  @Test
  @DisplayName("a link or a phone number is a 400 naming the text's language; an admin may allow them, a coordinator may not")
  void noLinksOrNumbers() throws Exception {
    for (String bad : List.of("Mas en https://voz-ayuda.example/x", "Visita www.ayuda.org", "Escribe a ayuda.gt/form",
        "Llama al +502 5555-0147", "Llama al (502) 5555 0147")) {
      HttpResponse<Buffer> refused = publish(owner, text(bad));
      assertThat(refused.statusCode()).as(bad + " " + refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("text.es");
    }
    assertThat(publish(owner, text("Abrimos del 01/12/2026 al 15/12/2026, 08:00-20:00.")).statusCode())
        .as("dates and hours are not phone numbers").isEqualTo(202);
    JsonObject allowed = text("Llama al +502 5555-0147").put("allowLinks", true);
    assertThat(publish(owner, allowed).statusCode()).isEqualTo(403);
    assertThat(publish(VozHarness.ADMIN, allowed).statusCode()).isEqualTo(202);
    waitFor(() -> received(linkedPhone, "Llama al +502 5555-0147") == 1, Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("a coordinator publishes at most feedback.updates.perCampaign different updates on a campaign (409 after)")
  void limitedUpdates() throws Exception {
    assertThat(publish(owner, text("Gracias: abrimos los sabados.")).statusCode()).isEqualTo(202);
    assertThat(publish(owner, text("Gracias: hay mas camas.")).statusCode()).isEqualTo(202);
    HttpResponse<Buffer> third = publish(owner, text("Gracias: hay mas personal."));
    assertThat(third.statusCode()).as(third.bodyAsString()).isEqualTo(409);
    assertThat(third.bodyAsJsonObject().getString("error")).isEqualTo("too_many_updates");
    assertThat(publish(owner, text("Gracias: abrimos los sabados.")).statusCode()).as("a repeat is still a repeat")
        .isEqualTo(200);
    assertThat(publish(VozHarness.ADMIN, text("Gracias: hay mas personal.")).statusCode()).as("an admin may").isEqualTo(202);
  }
}
