package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.EnrolmentJson;

@VozTest
@DisplayName("A survivor asks in the chat to have their data erased; their case manager decides")
class ErasureRequestTest {

  private static final String ASKED = "Listo. Pasamos tu pedido a quien lleva tu caso";

  private VozHarness voz;
  private WireMockServer stub;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) {
    this.voz = voz;
    this.stub = stub;
  }

  @Test
  @DisplayName("refused with a reason: the alert, erasure.requested then erasure.refused in the ledger, and after the PIN the survivor is told once, with the reason")
  void refused() throws Exception {
    String cm = "cm-erq-1";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    String other = await(voz.createStaff("cm-erq-other", "case_manager"));
    String phone = "+50255557101";
    String id = enrol(cmToken, EnrolmentJson.standard(cm, "es", "sms", phone));
    assertThat(decide(cmToken, id, new JsonObject().put("decision", "refuse").put("reason", "no"))
        .statusCode()).as("nothing asked yet").isEqualTo(409);

    List<String> replies = Stubs.converse(voz, stub, phone, "Hola", "4821", "3", "1", "salir");
    assertThat(flat(replies.get(2))).contains("Puedes pedir que borremos tus datos").contains("1. Pedir que los borren");
    assertThat(flat(replies.get(3))).contains(ASKED);
    waitFor(() -> alerts().stream().anyMatch(a -> a.getString("type").equals("erasure.requested")
        && id.equals(a.getString("survivorId"))), Duration.ofSeconds(10));
    assertThat(alerts().stream().filter(a -> id.equals(a.getString("survivorId"))).map(a -> a.getString("type")))
        .containsExactly("erasure.requested");

    assertThat(decide(other, id, new JsonObject().put("decision", "refuse").put("reason", "x")).statusCode()).isEqualTo(403);
    assertThat(decide(cmToken, id, new JsonObject().put("decision", "refuse")).statusCode())
        .as("a refusal needs a reason").isEqualTo(400);
    String reason = "Tu caso sigue abierto en el juzgado.";
    var refused = decide(cmToken, id, new JsonObject().put("decision", "refuse").put("reason", reason));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(204);
    assertThat(decide(cmToken, id, new JsonObject().put("decision", "accept")).statusCode())
        .as("decided: none waits").isEqualTo(409);
    assertThat(types(id)).containsSubsequence("erasure.requested", "erasure.refused");

    // the phone hears only that there is a message; the PIN is its answer
    waitFor(() -> Stubs.bodiesTo(stub, phone).stream().anyMatch(b -> b.startsWith("Tienes un mensaje nuevo"))
        && voz.outboxEmpty(), Duration.ofSeconds(10));
    assertThat(Stubs.bodiesTo(stub, phone).get(Stubs.bodiesTo(stub, phone).size() - 1)).doesNotContain(reason);
    List<String> after = Stubs.converse(voz, stub, phone, "4821");
    assertThat(flat(String.join("\n", after))).contains("decidió guardarlos por ahora. Motivo: " + reason);
    List<String> again = Stubs.converse(voz, stub, phone, "salir", "Hola", "4821");
    assertThat(flat(String.join("\n", again))).as("told once").doesNotContain("Motivo:");
    assertThat(status(id)).as("the record is kept").isEqualTo(200);
  }

  @Test
  @DisplayName("accepted: not while a legal hold stands (409 legal_hold); once lifted, the record is erased and the phone is a stranger's")
  void accepted() throws Exception {
    String cm = "cm-erq-2";
    String cmToken = await(voz.createStaff(cm, "case_manager"));
    String phone = "+50255557201";
    String id = enrol(cmToken, EnrolmentJson.standard(cm, "es", "sms", phone));
    JsonObject before = record(cmToken, id);
    assertThat(before.containsKey("legalHold") && before.getValue("legalHold") == null).as(before.encode()).isTrue();
    assertThat(before.containsKey("erasureRequest") && before.getValue("erasureRequest") == null).isTrue();
    List<String> replies = Stubs.converse(voz, stub, phone, "Hola", "4821", "mis datos", "borrar", "salir");
    assertThat(flat(replies.get(3))).contains(ASKED);
    assertThat(await(voz.client.put("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .sendJsonObject(new JsonObject().put("reason", "court order"))).statusCode()).isEqualTo(200);
    // the staff API shows what the console shows: the hold that stands and the request waiting for a decision
    JsonObject record = record(cmToken, id);
    assertThat(record.getString("caseRef")).isNotBlank();
    assertThat(record.getJsonObject("legalHold").getString("reason")).isEqualTo("court order");
    assertThat(record.getJsonObject("legalHold").getString("by")).isEqualTo(cm);
    assertThat(record.getJsonObject("legalHold").getString("at")).isNotBlank();
    assertThat(record.getJsonObject("erasureRequest").getString("status")).isEqualTo("open");
    assertThat(record.getJsonObject("erasureRequest").getString("requestedAt")).isNotBlank();
    assertThat(await(voz.client.get("/api/v1/survivors/" + id).bearerTokenAuthentication(
        await(voz.createStaff("cm-erq-other", "case_manager"))).send()).statusCode()).isEqualTo(403);

    var held = decide(cmToken, id, new JsonObject().put("decision", "accept"));
    assertThat(held.statusCode()).isEqualTo(409);
    assertThat(held.bodyAsJsonObject().getString("error")).isEqualTo("legal_hold");
    assertThat(status(id)).isEqualTo(200);

    assertThat(await(voz.client.delete("/api/v1/survivors/" + id + "/hold").bearerTokenAuthentication(cmToken)
        .send()).statusCode()).isEqualTo(204);
    JsonObject lifted = record(VozHarness.ADMIN, id);
    assertThat(lifted.getValue("legalHold")).isNull();
    assertThat(lifted.getJsonObject("erasureRequest").getString("status")).isEqualTo("open");
    var accepted = decide(cmToken, id, new JsonObject().put("decision", "accept"));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(204);
    assertThat(status(id)).isEqualTo(404);
    assertThat(voz.redis.commands().xlen(voz.keys().global("erasures")).get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isOne();

    List<String> stranger = Stubs.converse(voz, stub, "+50255557999", "Hola");
    assertThat(Stubs.converse(voz, stub, phone, "Hola")).isEqualTo(stranger);
  }

  /** GET /api/v1/survivors/{id}, answered 200. */
  private JsonObject record(String token, String id) throws Exception {
    var got = await(voz.client.get("/api/v1/survivors/" + id).bearerTokenAuthentication(token).send());
    assertThat(got.statusCode()).as(got.bodyAsString()).isEqualTo(200);
    return got.bodyAsJsonObject();
  }

  /** A reply as one line: an SMS cut into parts (joined by line breaks where a space was) reads whole again. */
  private static String flat(String reply) {
    return reply.replace('\n', ' ');
  }

  private List<JsonObject> alerts() {
    return stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .map(r -> new JsonObject(r.getBodyAsString())).toList();
  }

  private List<String> types(String id) throws Exception {
    JsonArray events = await(voz.client.get("/api/v1/survivors/" + id + "/consents/history")
        .bearerTokenAuthentication(VozHarness.ADMIN).send()).bodyAsJsonObject().getJsonArray("events");
    return events.stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> decide(String token, String id, JsonObject body)
      throws Exception {
    return await(voz.client.post("/api/v1/survivors/" + id + "/erasure-request").bearerTokenAuthentication(token)
        .sendJsonObject(body));
  }

  private int status(String id) throws Exception {
    return await(voz.client.get("/api/v1/survivors/" + id + "/consents").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode();
  }

  private String enrol(String token, EnrolmentJson json) throws Exception {
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(token).sendJsonObject(json.json()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }
}
