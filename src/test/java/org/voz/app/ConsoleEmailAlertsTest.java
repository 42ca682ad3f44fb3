package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.testing.Wait;

/**
 * Alerts by e-mail, against a real SMTP server (GreenMail) on a free port: chosen on the console's own page, sent
 * through the outbox, carrying the type, the case reference and a link only; a mail server that is down loses nothing.
 */
@VozTest
@VozConfig("console.passwordIterations=1000")
@DisplayName("Alert e-mails: chosen by the case manager, type and case reference only, nothing lost to an SMTP outage")
class ConsoleEmailAlertsTest {

  private static final Duration SOON = Duration.ofSeconds(20);
  private GreenMail smtp;

  @AfterEach
  void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768-60999): a port from that range, with nothing listening while
   * Voz retries its SMTP connection, can become the local port of one of the JVM's own outgoing connections (or of the
   * retry itself, connected to itself), and the mail server then cannot bind it when it comes back.
   */
  private static int freePort() throws Exception {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (java.io.IOException taken) {
        // another one
      }
    }
    throw new IllegalStateException("no free port below the ephemeral range");
  }

  private static Map<String, String> mailTo(int port) {
    return Map.of("mail.host", "127.0.0.1", "mail.port", Integer.toString(port), "mail.from", "voz@example.org",
        "mail.starttls", "disabled");
  }

  private GreenMail smtpOn(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Test
  @DisplayName("sent to the case manager who chose it: type and case reference, a link to the console, no survivor data")
  void sentWithoutSurvivorData(VozRoom room) throws Exception {
    int port = freePort();
    smtp = smtpOn(port);
    VozHarness voz = room.start(mailTo(port));
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-mail", "case_manager");
    ConsoleClient ben = ConsoleClient.signedIn(voz, "cm-ben-mail", "case_manager");
    assertThat(ana.get("/console/alert-email").bodyAsString()).contains("Avisos por correo", "autocomplete=\"email\"")
        .doesNotContain("data-mail-off");
    assertThat(ana.post("/console/alert-email", Map.of("_csrf", ana.csrf, "address", "ana@agency.example.org",
        "enabled", "on")).statusCode()).isEqualTo(303);
    assertThat(ana.get("/console/alert-email?saved=1").bodyAsString()).contains("Se guardó su elección.",
        "value=\"ana@agency.example.org\"", "checked");
    ConsoleClient.enrol(voz, "cm-ana-mail", "GT-2026-0401", "+50255550401");
    ConsoleClient.enrol(voz, "cm-ben-mail", "GT-2026-0402", "+50255550402");

    ConsoleClient.revoke(voz, "+50255550402"); // Ben did not choose e-mail
    ConsoleClient.revoke(voz, "+50255550401");
    assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 1)).isTrue();
    Wait.holdsFor(Duration.ofSeconds(1), () -> smtp.getReceivedMessages().length == 1);

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ana@agency.example.org");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("voz@example.org");
    assertThat(mail.getSubject()).isEqualTo("Voz: Consentimiento revocado (caso GT-2026-0401)");
    String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("Consentimiento revocado", "GT-2026-0401", voz.publicUrl + "/console");
    String whole = GreenMailUtil.getWholeMessage(mail);
    // nothing about the survivor: no phone, no PIN, no consent item, recipient or purpose, no survivor id
    assertThat(whole).doesNotContain("50255550401", "4821", "case-notes", "shelter-casa-esperanza", "referral",
        "demo-", "survivor");
  }

  @Test
  @DisplayName("the mail server down when the alert is raised: retried through the outbox, sent once it is back")
  void outageThenRecovery(VozRoom room) throws Exception {
    int port = freePort(); // nothing listens there yet: every attempt is refused
    VozHarness voz = room.start(mailTo(port));
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-down", "case_manager");
    assertThat(ana.post("/console/alert-email", Map.of("_csrf", ana.csrf, "address", "ana@agency.example.org",
        "enabled", "on")).statusCode()).isEqualTo(303);
    ConsoleClient.enrol(voz, "cm-ana-down", "GT-2026-0411", "+50255550411");
    ConsoleClient.enrol(voz, "cm-ana-down", "GT-2026-0412", "+50255550412");
    ConsoleClient.revoke(voz, "+50255550411");
    ConsoleClient.revoke(voz, "+50255550412");
    // the alerts are committed and delivered to the webhook; their e-mails wait, retried, and are not dead-lettered
    Wait.waitFor(() -> room.stub().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/alerts")).count() >= 2, SOON);
    Wait.holdsFor(Duration.ofSeconds(2), () -> deadLetters(voz) == 0);

    smtp = smtpOn(port); // the mail server is back
    assertThat(smtp.waitForIncomingEmail(SOON.toMillis(), 2)).isTrue();
    assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return m.getSubject();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).containsExactlyInAnyOrder("Voz: Consentimiento revocado (caso GT-2026-0411)",
        "Voz: Consentimiento revocado (caso GT-2026-0412)");
    assertThat(deadLetters(voz)).isZero();
  }

  @Test
  @DisplayName("the setting: a wrong address is refused on the page (400); a coordinator gets 403; without SMTP it says so")
  void setting(VozHarness voz) throws Exception {
    ConsoleClient ana = ConsoleClient.signedIn(voz, "cm-ana-set", "case_manager");
    assertThat(ana.get("/console/alert-email").bodyAsString()).contains("data-mail-off");
    var wrong = ana.post("/console/alert-email", Map.of("_csrf", ana.csrf, "address", "not an address", "enabled", "on"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.bodyAsString()).contains("Escriba un correo válido");
    var none = ana.post("/console/alert-email", Map.of("_csrf", ana.csrf, "address", "", "enabled", "on"));
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(ana.post("/console/alert-email", Map.of("address", "ana@agency.example.org")).statusCode()).isEqualTo(403);
    ConsoleClient coordinator = ConsoleClient.signedIn(voz, "co-set", "coordinator");
    assertThat(coordinator.get("/console/alert-email").statusCode()).isEqualTo(403);
  }

  private static long deadLetters(VozHarness voz) {
    try {
      return org.voz.testing.Wait.await(voz.voz.config() == null ? null
          : io.vertx.core.Future.succeededFuture(0L).compose(z -> {
            java.util.List<io.vertx.core.Future<Long>> lens = new java.util.ArrayList<>();
            org.voz.store.Keys keys = new org.voz.store.Keys(voz.prefix, voz.voz.config().redis().partitions());
            for (int p = 0; p < keys.partitions(); p++) {
              lens.add(voz.redis.future(voz.redis.commands().xlen(keys.dead(p))));
            }
            return io.vertx.core.Future.all(lens).map(all -> lens.stream().mapToLong(io.vertx.core.Future::result).sum());
          }));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
