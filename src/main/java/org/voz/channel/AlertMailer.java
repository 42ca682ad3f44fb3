package org.voz.channel;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.dispatch.DeliveryException;

/**
 * E-mails an alert to its case manager, when they chose it: the alert's type in words of their language, the case
 * reference and a link to the console; nothing the survivor said or shared, no name, no phone. Sent over SMTP by
 * the non-blocking Vert.x mail client, from an outbox entry ({@code email}), so a mail server that is down or refuses
 * is retried with backoff until {@code alerts.giveUpAfter}, like the alert's webhook; nothing is lost meanwhile.
 * A member who has not chosen e-mail (or has no address) is delivered to by sending nothing.
 */
public final class AlertMailer {

  private static final Logger LOG = LoggerFactory.getLogger(AlertMailer.class);
  /** A mail server that takes the connection and never answers must not hold the delivery for ever. */
  static final long TIMEOUT_MS = 30_000;

  /** Who gets the mail: their address and language; empty when they did not choose e-mail alerts. */
  public record Recipient(String address, String language) {
    @Override
    public String toString() {
      return "Recipient[" + language + "]";
    }
  }

  /** The wording, in the member's language (the console's texts). */
  @FunctionalInterface
  public interface Texts {
    String get(String language, String key, Object... args);
  }

  private final MailClient client;
  private final String from;
  private final String consoleUrl;
  private final Function<String, Future<Optional<Recipient>>> recipientOf;
  private final Texts texts;

  public AlertMailer(MailClient client, String from, String consoleUrl,
      Function<String, Future<Optional<Recipient>>> recipientOf, Texts texts) {
    this.client = client;
    this.from = from;
    this.consoleUrl = consoleUrl;
    this.recipientOf = recipientOf;
    this.texts = texts;
  }

  /**
   * @param staffId the case manager the alert is for
   * @param alert   {@code alertId}, {@code type}, {@code caseRef}
   */
  public Future<Void> send(String entryId, String staffId, JsonObject alert) {
    return recipientOf.apply(staffId).compose(recipient -> {
      if (recipient.isEmpty()) {
        LOG.debug("alert e-mail not wanted entry={} staff={}", entryId, staffId);
        return Future.succeededFuture();
      }
      MailMessage mail = message(recipient.get(), alert);
      return client.sendMail(mail).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .recover(e -> Future.failedFuture(DeliveryException.transientFailure("mail server: " + e.getClass().getSimpleName())))
          .onSuccess(r -> LOG.info("alert e-mailed entry={} alert={} staff={}", entryId, alert.getString("alertId"), staffId))
          .mapEmpty();
    });
  }

  MailMessage message(Recipient to, JsonObject alert) {
    String language = to.language();
    String typeKey = "alert.type." + alert.getString("type", "");
    String type = texts.get(language, typeKey);
    if (type.equals(typeKey)) {
      type = texts.get(language, "alert.type.other", alert.getString("type", ""));
    }
    String caseRef = alert.getString("caseRef", "");
    return new MailMessage().setFrom(from).setTo(to.address())
        .setSubject(texts.get(language, "mail.subject", type, caseRef))
        .setText(texts.get(language, "mail.body", type, caseRef, consoleUrl));
  }
}
