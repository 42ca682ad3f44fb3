package org.voz.channel;

import io.vertx.core.Future;
import java.util.Map;
import org.voz.crypto.Keyring;
import org.voz.dispatch.Delivery;
import org.voz.dispatch.Delivery.Confirmation;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;
import org.voz.service.VozMetrics;
import org.voz.store.Aad;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

/**
 * Delivers an outbox entry: opens it, and hands a reply to its channel's sender or an alert to the alert webhook;
 * a {@code forget} entry deletes the survivor's sensitive Telegram messages. What a reply or a staff note sent
 * goes to the {@link SentListener} (its failure is logged, never a failed delivery).
 */
public final class ReplyDelivery implements Delivery {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplyDelivery.class);

  private final Keyring keyring;
  private final Map<String, ChannelSender> senders;
  private final AlertSender alerts;
  private final Map<String, AlertSender> notices;
  private final java.time.Clock clock;
  private final java.util.function.Function<String, Future<java.util.List<String[]>>> staffContacts;
  private final VozMetrics metrics;
  private final SentListener sent;
  private final java.util.function.Function<String, Future<?>> forget;
  private AlertMailer mailer;

  /**
   * @param notices recipient organisations' webhooks, by outbox channel {@code recipient:<code>}
   * @param sent    told what each reply and staff note sent
   * @param forget  deletes a survivor's sensitive messages (a {@code forget} entry); {@code null}: nothing to delete
   */
  public ReplyDelivery(Keyring keyring, Map<String, ChannelSender> senders, AlertSender alerts,
      Map<String, AlertSender> notices, VozMetrics metrics, java.time.Clock clock,
      java.util.function.Function<String, Future<java.util.List<String[]>>> staffContacts, SentListener sent,
      java.util.function.Function<String, Future<?>> forget) {
    this.sent = sent;
    this.forget = forget;
    this.clock = clock;
    this.staffContacts = staffContacts;
    this.notices = Map.copyOf(notices);
    this.keyring = keyring;
    this.senders = Map.copyOf(senders);
    this.alerts = alerts;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> deliver(OutboxEntry entry) {
    return deliver(entry, Confirmation.NONE);
  }

  /**
   * A reply or a staff note confirms as soon as its channel accepted it (before what it sent is recorded); an
   * alert, a notice or a deletion when it completes.
   */
  @Override
  public Future<Void> deliver(OutboxEntry entry, Confirmation confirmed) {
    return deliver(entry, confirmed, null);
  }

  /** @param again {@code null}: a first attempt; else when the attempt whose outcome is unknown began, at the earliest */
  private Future<Void> deliver(OutboxEntry entry, Confirmation confirmed, java.time.Instant again) {
    try {
      return switch (entry.kind()) {
        case REPLY -> sendReply(entry, confirmed, again);
        case ALERT -> alert(entry);
        case NOTICE -> notice(entry);
        case STAFFNOTE -> staffNote(entry, confirmed, again);
        case FORGET -> forget(entry);
        case EMAIL -> email(entry);
      };
    } catch (Keyring.UnknownKeyException e) {
      // sealed under a key this instance lacks (a rotation half rolled out): another instance opens it; never lost
      return Future.failedFuture(DeliveryException.deferred("outbox entry sealed under a data key not configured here",
          java.time.Duration.ofSeconds(30)));
    } catch (Keyring.SealException e) {
      return Future.failedFuture(DeliveryException.permanentFailure("outbox entry cannot be opened"));
    }
  }

  /** A reply or a staff note asks its channel what it already has ({@link ChannelSender#sendAgain}); others as usual. */
  @Override
  public Future<Void> deliverAgain(OutboxEntry entry, Confirmation confirmed, java.time.Instant since) {
    return deliver(entry, confirmed, since);
  }

  /** Sends an alert and measures how long after the survivor's message the case manager's system accepted it. */
  private Future<Void> alert(OutboxEntry entry) {
    String json = keyring.open(Aad.outboxBody(entry.id()), entry.body());
    return alerts.send(entry.id(), json).onSuccess(v -> {
      String at = new io.vertx.core.json.JsonObject(json).getString("at");
      if (at != null) {
        metrics.alertAccepted(java.time.Duration.between(java.time.Instant.parse(at), clock.instant()));
      }
    });
  }

  /**
   * Tells a case manager on their own phone or chat that an alert waits, with its reference only: no
   * survivor, no phone, no data.
   */
  private Future<Void> staffNote(OutboxEntry entry, Confirmation confirmed, java.time.Instant again) {
    String staffId = keyring.open(Aad.outboxTo(entry.id()), entry.to());
    io.vertx.core.json.JsonObject note = new io.vertx.core.json.JsonObject(keyring.open(Aad.outboxBody(entry.id()), entry.body()));
    return staffContacts.apply(staffId).compose(contacts -> {
      for (String[] contact : contacts) {
        ChannelSender sender = senders.get(contact[0]);
        if (sender != null) {
          OutboundText text = new OutboundText(
              "Voz: an alert for you (" + note.getString("type") + ", reference " + note.getString("reference")
                  + "). Details in your case system.");
          return sending(sender, contact[1], text, again).onSuccess(confirmed::sent)
              .compose(ids -> tell(entry, contact[1], text, ids));
        }
      }
      return Future.failedFuture(DeliveryException.permanentFailure("the case manager has no contact Voz can write to"));
    });
  }

  /** With alert e-mails sent through {@code mailer} (SMTP configured); without, an {@code email} entry waits. */
  public ReplyDelivery withMailer(AlertMailer mailer) {
    this.mailer = mailer;
    return this;
  }

  /** An alert by e-mail to its case manager, if they chose it (type and case reference only). */
  private Future<Void> email(OutboxEntry entry) {
    if (mailer == null) {
      return Future.failedFuture(DeliveryException.transientFailure("no mail server configured"));
    }
    return mailer.send(entry.id(), keyring.open(Aad.outboxTo(entry.id()), entry.to()),
        new io.vertx.core.json.JsonObject(keyring.open(Aad.outboxBody(entry.id()), entry.body())));
  }

  private Future<Void> notice(OutboxEntry entry) {
    AlertSender webhook = notices.get(entry.channel());
    if (webhook == null) {
      return Future.failedFuture(DeliveryException.permanentFailure("no webhook configured for " + entry.channel()));
    }
    return webhook.send(entry.id(), keyring.open(Aad.outboxBody(entry.id()), entry.body()));
  }

  /** Deletes the survivor's sensitive messages (from {@code notBefore} on, when it has one). */
  private Future<Void> forget(OutboxEntry entry) {
    long wait = entry.notBefore() - clock.millis();
    if (wait > 0) {
      return Future.failedFuture(DeliveryException.deferred("a later deletion", java.time.Duration.ofMillis(wait)));
    }
    return forget == null || entry.survivor().isEmpty() ? Future.succeededFuture() : forget.apply(entry.survivor()).mapEmpty();
  }

  /** @param again {@code null}: a first attempt; else when the attempt whose outcome is unknown began, at the earliest */
  private static Future<java.util.List<String>> sending(ChannelSender sender, String to, OutboundText text,
      java.time.Instant again) {
    return again == null ? sender.send(to, text) : sender.sendAgain(to, text, again);
  }

  private Future<Void> sendReply(OutboxEntry entry, Confirmation confirmed, java.time.Instant again) {
    long wait = entry.notBefore() - clock.millis();
    if (wait > 0) {
      return Future.failedFuture(DeliveryException.deferred("outside the survivor's contact hours",
          java.time.Duration.ofMillis(wait)));
    }
    ChannelSender sender = senders.get(entry.channel());
    if (sender == null) {
      return Future.failedFuture(DeliveryException.permanentFailure("no sender for channel " + entry.channel()));
    }
    OutboundText text = Json.read(keyring.open(Aad.outboxBody(entry.id()), entry.body()), OutboundText.class);
    String to = keyring.open(Aad.outboxTo(entry.id()), entry.to());
    return sending(sender, to, text, again).onSuccess(ids -> {
          confirmed.sent(ids);
          metrics.messageOut(entry.channel());
        })
        .compose(ids -> tell(entry, to, text, ids));
  }

  private Future<Void> tell(OutboxEntry entry, String address, OutboundText text, java.util.List<String> ids) {
    Future<Void> told;
    try {
      told = sent.sent(entry, address, text, ids);
    } catch (RuntimeException e) {
      told = Future.failedFuture(e);
    }
    return told.recover(e -> {
      LOG.warn("outbox entry {} sent, but what it sent was not recorded: {}", entry.id(), e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }
}
