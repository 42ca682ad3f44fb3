package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.voz.channel.AlertMailer;
import org.voz.channel.AlertSender;
import org.voz.channel.ChannelModule;
import org.voz.channel.ChannelSender;
import org.voz.channel.ReplyDelivery;
import org.voz.channel.SentListener;
import org.voz.crypto.Keyring;
import org.voz.service.VozMetrics;
import org.voz.service.inbound.Escalations;
import org.voz.staff.StaffMember;
import org.voz.store.AlertEmailSettings;
import org.voz.store.StaffRepository;
import org.voz.web.console.ConsoleMessages;

/**
 * Everything that leaves the service, as the outbox delivers it: replies through the channel modules' senders,
 * alerts to the case managers' webhook, notices to recipient organisations and the safeguarding lead.
 */
final class Outbound {

  private Outbound() {}

  static ReplyDelivery delivery(Vertx vertx, Config config, List<ChannelModule> channels, Keyring keyring,
      StaffRepository staff, AlertEmailSettings emails, VozMetrics metrics, Clock clock) {
    Map<String, ChannelSender> senders = new HashMap<>();
    SentListener sent = SentListener.NONE;
    for (ChannelModule module : channels) {
      module.outlets().forEach(outlet -> senders.put(outlet.id().value(), outlet.sender()));
      sent = sent.andThen(module.sentListener());
    }
    for (ChannelModule module : channels) {
      if (module instanceof org.voz.channel.simulator.SimulatorModule simulator) {
        // development: the simulator's own SMS numbers are answered in the simulator, never through Twilio
        senders.put("sms", simulator.owning(senders.get("sms")));
      }
    }
    WebClient webhooks = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30),
        new PoolOptions().setHttp1MaxSize(20));
    AlertSender alerts = new AlertSender(webhooks, config.alerts().webhookUrl(), config.alerts().webhookSecret());
    Map<String, AlertSender> notices = new HashMap<>();
    config.recipients().forEach((code, r) -> notices.put("recipient:" + code, new AlertSender(webhooks, r.url(), r.secret())));
    FeedbackConfig.Safeguarding lead = config.feedback().safeguarding();
    notices.put(Escalations.CHANNEL, new AlertSender(webhooks, lead.webhookUrl(), lead.webhookSecret()));
    ReplyDelivery delivery = new ReplyDelivery(keyring, senders, alerts, notices, metrics, clock,
        staffId -> staff.find(staffId).map(found -> found.map(m -> m.contacts().stream()
            .map(c -> new String[] {c.channel(), c.address()}).toList()).orElse(List.of())),
        sent, survivorId -> Future.all(channels.stream().map(m -> m.forget(survivorId)).toList()));
    return config.mail().enabled() ? delivery.withMailer(mailer(vertx, config, staff, emails)) : delivery;
  }

  /** Alert e-mails over SMTP: to the case manager who chose them, in their language, with a link to the console. */
  private static AlertMailer mailer(Vertx vertx, Config config, StaffRepository staff, AlertEmailSettings emails) {
    Config.Mail m = config.mail();
    MailConfig smtp = new MailConfig().setHostname(m.host()).setPort(m.port()).setSsl(m.ssl())
        .setStarttls(StartTLSOptions.valueOf(m.starttls().toUpperCase(java.util.Locale.ROOT)))
        .setKeepAlive(true).setMaxPoolSize(4);
    smtp.setConnectTimeout(10_000);
    if (!m.username().isBlank()) {
      smtp.setUsername(m.username()).setPassword(m.password()).setLogin(LoginOption.REQUIRED);
    } else {
      smtp.setLogin(LoginOption.NONE);
    }
    ConsoleMessages texts = new ConsoleMessages(StaffMember.LANGUAGES);
    String base = config.http().publicUrl().replaceAll("/+$", "");
    return new AlertMailer(MailClient.create(vertx, smtp), m.from(), base + "/console",
        staffId -> staff.find(staffId).compose(member -> emails.find(staffId).map(setting -> setting
            .filter(s -> s.enabled() && !s.address().isBlank() && member.isPresent())
            .map(s -> new AlertMailer.Recipient(s.address(), member.get().language())))),
        (language, key, args) -> texts.in(language).get(key, args));
  }
}
