package org.voz.app;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.twilio.TwilioStatusWebhook;
import org.voz.conversation.Effect;
import org.voz.store.SentMessages;

/**
 * A Twilio message that failed for good: if it was an alert note to a case manager or a consent receipt, the
 * case manager must learn it did not arrive. Raises {@code delivery.failed} (ids only: what failed, the outbox
 * entry, Twilio's error code) through the survivor's own commit path, so it is listed and delivered like every
 * other alert. Each message is reported at most once.
 */
final class DeliveryFailures implements TwilioStatusWebhook.Failures {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);

  private final SentMessages sent;
  private final SurvivorUpdates updates;

  DeliveryFailures(SentMessages sent, SurvivorUpdates updates) {
    this.sent = sent;
    this.updates = updates;
  }

  @Override
  public void failed(String messageSid, String status, String errorCode) {
    report(messageSid, status, errorCode)
        .onFailure(e -> LOG.warn("delivery failure not reported sid={}: {}", messageSid, e.getClass().getSimpleName()));
  }

  Future<Void> report(String messageSid, String status, String errorCode) {
    return sent.take(messageSid).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      SentMessages.Sent what = found.get();
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("failed", what.kind().equals("staffnote") ? "alert_note" : "receipt");
      fields.put("outboxId", what.entryId());
      fields.put("status", status);
      if (!errorCode.isEmpty()) {
        fields.put("errorCode", errorCode);
      }
      LOG.warn("delivery failed: raising {} survivor={} entry={}", EffectWriter.DELIVERY_FAILED, what.survivorId(),
          what.entryId());
      return updates.update(what.survivorId(), EffectWriter.Actor.system("delivery"), state ->
          new SurvivorUpdates.Change(state.survivor(), state.session(),
              List.of(new Effect.RaiseAlert(EffectWriter.DELIVERY_FAILED, fields)), null)).mapEmpty();
    });
  }
}
