package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import static org.voz.testing.Wait.holdsFor;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Conversations;

@VozTest
@DisplayName("Opt-out and back over the webhook, fed with Twilio's recorded SMS and WhatsApp payloads")
class TwilioOptOutTest {

  private WireMockServer stub;

  private static final Conversations FLOWS = Conversations.load(Path.of("conversations"));
  private VozHarness voz;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
  }

  @Test
  @DisplayName("SMS in Spanish: PARAR gets one confirmation, then silence (HELP still answered), COMENZAR comes back at the PIN")
  void smsOptOutAndBack() throws Exception {
    String phone = "+502" + (55_000_000 + ThreadLocalRandom.current().nextInt(999_999));
    await(voz.enrol("sms", phone, "es", "4821"));
    List<String> sent = exchange("inbound_sms.form", phone, phone,
        "Hola", "PARAR", "~hola", "~4821", "~no más", "AYUDA", "COMENZAR");
    assertThat(sent).containsExactly(
        FLOWS.systemText("stop", "es"),
        FLOWS.systemText("help", "es"),
        FLOWS.systemText("start", "es") + "\n" + pinPrompt("es"));
  }

  @Test
  @DisplayName("WhatsApp in Portuguese: PARE, then silence, then VOLTAR; Twilio's WhatsApp fields are taken as they come")
  void whatsappOptOutAndBack() throws Exception {
    String phone = "+55119" + (50_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
    await(voz.enrol("whatsapp", phone, "pt", "4821"));
    List<String> sent = exchange("inbound_whatsapp.form", phone, "whatsapp:" + phone,
        "Oi", "PARE", "~oi", "VOLTAR");
    assertThat(sent).containsExactly(
        FLOWS.systemText("stop", "pt"),
        FLOWS.systemText("start", "pt") + "\n" + pinPrompt("pt"));
  }

  /**
   * Sends each text as the recorded sample (From and the message ids replaced, signed as Twilio signs), waiting
   * for its answer unless it is marked {@code ~} (expected to get none), and returns what Twilio was asked to
   * send to {@code to} after the first answer (the PIN prompt to the opening text).
   */
  private List<String> exchange(String sample, String from, String to, String... texts) throws Exception {
    for (String marked : texts) {
      boolean silent = marked.startsWith("~");
      String text = silent ? marked.substring(1) : marked;
      int before = Stubs.bodiesTo(stub, to).size();
      Map<String, String> params = Stubs.formOf(read("/twilio/" + sample));
      String sid = VozHarness.newSid();
      params.put("From", params.get("From").startsWith("whatsapp:") ? "whatsapp:" + from : from);
      params.put("Body", text);
      params.put("MessageSid", sid);
      params.put("SmsSid", sid);
      params.put("SmsMessageSid", sid);
      if (params.containsKey("WaId")) {
        params.put("WaId", from.replaceAll("[^0-9]", ""));
      }
      String signature = VozHarness.signature(VozHarness.AUTH_TOKEN, voz.publicUrl + "/webhooks/twilio/messages", params);
      assertThat(await(voz.postTwilio(params, signature)).statusCode()).isEqualTo(200);
      if (!silent) {
        waitFor(() -> Stubs.bodiesTo(stub, to).size() > before, Duration.ofSeconds(10));
      }
    }
    // the texts marked ~ get no answer: none may come over several outbox sweeps (a wrong one would be sent by then)
    int answered = Stubs.bodiesTo(stub, to).size();
    holdsFor(Duration.ofMillis(500), () -> Stubs.bodiesTo(stub, to).size() == answered);
    List<String> all = Stubs.bodiesTo(stub, to);
    return all.subList(1, all.size());
  }

  private static String pinPrompt(String language) {
    return new org.voz.conversation.Engine(FLOWS, org.voz.conversation.Engine.Options.DEFAULTS)
        .step(org.voz.conversation.Session.fresh(language), org.voz.conversation.Inbound.text("hola", "sms"),
            java.time.Instant.now(), org.voz.conversation.SurvivorView.of("x", List.of()), pin -> false)
        .replies().get(0).text();
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = TwilioOptOutTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
