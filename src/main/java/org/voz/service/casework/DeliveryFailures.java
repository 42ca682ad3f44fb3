package org.voz.service.casework;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.conversation.Effect;
import org.voz.service.EffectWriter;
import org.voz.store.OutboxEntry;
import org.voz.store.SentMessages;

/**
 * A Twilio message that failed for good: if it was an alert note to a case manager or a consent receipt, the
 * case manager must learn it did not arrive. Raises {@code delivery.failed} (ids only: what failed, the outbox
 * entry, Twilio's error code) through the survivor's own commit path, so it is listed and delivered like every
 * other alert. The record of the sent message is read, the alert committed, and only then the record
 * forgotten, so a failed commit loses nothing; the commit is deduplicated by the MessageSid and the alert id
 * derived from it, so a status reported twice raises one alert. A status that finds no record (it can come
 * before the sender remembered the message) or whose commit failed is tried once more a little later.
 */
public final class DeliveryFailures {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);
  static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final SentMessages sent;
  private final SurvivorUpdates updates;

  public DeliveryFailures(Vertx vertx, SentMessages sent, SurvivorUpdates updates) {
    this.vertx = vertx;
    this.sent = sent;
    this.updates = updates;
  }

  public void failed(String messageSid, String status, String errorCode) {
    report(messageSid, status, errorCode)
        .recover(first -> Future.succeededFuture(false))
        .compose(done -> done ? Future.succeededFuture(true) : later().compose(v -> report(messageSid, status, errorCode)))
        .onSuccess(done -> {
          if (!done) {
            LOG.debug("no record of a failed message sid={}: not an alert note or a receipt", messageSid);
          }
        })
        .onFailure(e -> LOG.warn("delivery failure not reported sid={}: {}", messageSid, e.getClass().getSimpleName()));
  }

  /**
   * True once the alert is committed and the record forgotten; false when there is no record of the message
   * (nobody must hear of it, or it is not remembered yet).
   */
  Future<Boolean> report(String messageSid, String status, String errorCode) {
    return sent.find(messageSid).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      SentMessages.Sent what = found.get();
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("failed", what.kind() == OutboxEntry.Kind.STAFFNOTE ? "alert_note" : "receipt");
      fields.put("outboxId", what.entryId());
      fields.put("status", status);
      if (!errorCode.isEmpty()) {
        fields.put("errorCode", errorCode);
      }
      LOG.warn("delivery failed: raising {} survivor={} entry={}", EffectWriter.DELIVERY_FAILED, what.survivorId(),
          what.entryId());
      Effect alert = new Effect.RaiseAlert(EffectWriter.DELIVERY_FAILED, fields).withId(alertId(messageSid));
      return updates.update(what.survivorId(), EffectWriter.Actor.system("delivery"), "delivery-failed:" + messageSid,
              state -> new SurvivorUpdates.Change(state.survivor(), state.session(), List.of(alert), null))
          .compose(committed -> sent.forget(messageSid))
          .map(true);
    });
  }

  /** The same alert id for every report of one message, not revealing its SID. */
  static String alertId(String messageSid) {
    return UUID.nameUUIDFromBytes((EffectWriter.DELIVERY_FAILED + ":" + messageSid).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Future<Void> later() {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(RETRY_AFTER.toMillis(), id -> waited.complete());
    return waited.future();
  }
}
