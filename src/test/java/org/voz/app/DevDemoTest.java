package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.EnrolmentJson;
import org.voz.testing.Wait;

/** Development's demo: an account for each role that works on alerts, work waiting for them, the simulator's numbers. */
@VozTest
@VozConfig("simulator.demoData=true")
@DisplayName("Dev demo: the start banner's accounts sign in; alerts and a request wait; the simulator owns SMS numbers")
class DevDemoTest {

  private static final Pattern ACCOUNT = Pattern.compile(
      "username (\\S+)  password (\\S+)  authenticator key ([A-Z2-7]+)");

  @Test
  @DisplayName("the banner's case manager and admin sign in with the printed password and key; alerts and an overdue request wait")
  void demoAccounts(VozHarness voz) throws Exception {
    String hint = voz.voz.consoleHint();
    assertThat(hint).contains(voz.publicUrl + "/console", "demo case manager", "demo admin");
    Map<String, String[]> accounts = new java.util.HashMap<>();
    Matcher m = ACCOUNT.matcher(hint);
    while (m.find()) {
      accounts.put(m.group(1), new String[] {m.group(2), m.group(3)});
    }
    assertThat(accounts).containsOnlyKeys(DemoConsole.CASE_MANAGER, DemoConsole.ADMIN);

    ConsoleClient cm = signIn(voz, DemoConsole.CASE_MANAGER, accounts.get(DemoConsole.CASE_MANAGER));
    String inbox = cm.get("/console").bodyAsString();
    assertThat(inbox).contains("Sesión de Demo case manager (cm-demo)", "Nueva solicitud de documentos",
        "Quiere hablar con una persona", "DEMO-ANA", "Solicitud R-DEMO01")
        .containsPattern("<li data-flag=\"overdue\">Caso DEMO-ANA: la solicitud R-DEMO01 venció el [0-9-]+ y sigue sin respuesta.</li>");
    ConsoleClient admin = signIn(voz, DemoConsole.ADMIN, accounts.get(DemoConsole.ADMIN));
    assertThat(admin.get("/console").bodyAsString()).contains("Sesión de Demo admin (demo-admin)", "DEMO-ANA");
  }

  @Test
  @DisplayName("a survivor enrolled with an SMS number the simulator owns chats in the simulator; nothing goes to Twilio")
  void simulatorNumber(VozHarness voz, Twilio twilio) throws Exception {
    String number = "+15555550142";
    String cm = "cm-sim";
    await(voz.createStaff(cm, "case_manager"));
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(EnrolmentJson.standard(cm, "es", "sms", number).caseRef("GT-2026-0142").json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);

    for (String text : new String[] {"hola", "4821"}) {
      HttpResponse<Buffer> sent = await(voz.client.post("/simulator/api/messages")
          .sendJsonObject(new JsonObject().put("as", number).put("text", text)));
      assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    }
    Wait.waitFor(() -> replies(voz, number) >= 2, Duration.ofSeconds(10));
    assertThat(twilio.bodiesTo(number)).isEmpty();
    // a number it does not own is refused, as a persona it does not have
    assertThat(await(voz.client.post("/simulator/api/messages")
        .sendJsonObject(new JsonObject().put("as", "+15555550200").put("text", "hola"))).statusCode()).isEqualTo(400);
  }

  private static int replies(VozHarness voz, String number) {
    try {
      return await(voz.client.get("/simulator/api/messages").addQueryParam("as", number).addQueryParam("after", "0").send())
          .bodyAsJsonObject().getJsonArray("messages").size();
    } catch (Exception e) {
      return 0;
    }
  }

  private static ConsoleClient signIn(VozHarness voz, String id, String[] passwordAndKey) throws Exception {
    ConsoleClient client = new ConsoleClient(voz);
    String csrf = ConsoleClient.find(client.get("/console/sign-in").bodyAsString(), "name=\"_csrf\" value=\"([^\"]+)\"");
    HttpResponse<Buffer> in = client.post("/console/sign-in", Map.of("_csrf", csrf, "username", id,
        "password", passwordAndKey[0], "code", ConsoleClient.code(passwordAndKey[1], java.time.Clock.systemUTC())));
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(303);
    return client;
  }
}
