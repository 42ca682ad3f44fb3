package org.voz.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.voz.channel.OutboundText;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.crypto.Keyring;
import org.voz.store.OutboxEntry;

/**
 * Turns effects into what one commit writes, sealed: the survivor's updated record, ledger events,
 * alerts (listed for staff and sent through the outbox) and replies. Shared by the inbound path and by
 * the changes staff make, so both write exactly the same shapes.
 */
final class EffectWriter {

  /** Who caused the effects: the survivor on a channel, or a staff member through the API. */
  record Actor(String kind, String id, String channel) {
    static Actor survivor(String channel) {
      return new Actor("survivor", null, channel);
    }

    static Actor staff(String staffId) {
      return new Actor("staff", staffId, "api");
    }

    /** Voz itself, e.g. the expiry job. */
    static Actor system(String job) {
      return new Actor("system", job, "system");
    }
  }

  /** What the effects write: a changed record (or the same instance), ledger events, alerts, outbox entries. */
  record Written(Survivor survivor, List<String> ledger, Map<String, String> alerts, List<OutboxEntry> outbox) {}

  private final Keyring keyring;

  EffectWriter(Keyring keyring) {
    this.keyring = keyring;
  }

  Written write(Survivor survivor, List<Effect> effects, Actor actor, String language, Instant now) {
    Survivor updated = survivor;
    List<String> ledger = new ArrayList<>();
    Map<String, String> alerts = new LinkedHashMap<>();
    List<OutboxEntry> outbox = new ArrayList<>();
    for (Effect effect : effects) {
      if (effect instanceof Effect.ConsentChanged change) {
        updated = withStatus(updated, change.consentId(), change.to(), now);
        ledger.add(seal(event("consent." + change.to(), consentFields(change), actor, language, now)));
      } else if (effect instanceof Effect.AppendLedger event) {
        ledger.add(seal(event(event.type(), event.fields(), actor, language, now)));
      } else if (effect instanceof Effect.RaiseAlert alert) {
        String id = UUID.randomUUID().toString();
        String sealed = seal(alertPayload(id, alert, survivor, now));
        alerts.put(id, sealed);
        outbox.add(new OutboxEntry(id, "alert", "webhook", "", sealed, 0));
      }
    }
    return new Written(updated, ledger, alerts, outbox);
  }

  /** Outbox entries for replies to {@code address} on {@code channel}. */
  List<OutboxEntry> replies(String channel, String address, List<Effect.Reply> replies) {
    if (replies.isEmpty()) {
      return List.of();
    }
    String to = keyring.seal(address);
    return replies.stream()
        .map(reply -> new OutboxEntry(UUID.randomUUID().toString(), "reply", channel, to,
            keyring.seal(Json.write(new OutboundText(reply.text(), reply.choices()))), 0))
        .toList();
  }

  /** An outbox entry for a message Voz sends first (a nudge), flagged proactive for the WhatsApp window. */
  OutboxEntry proactive(String channel, String address, String text, String language) {
    return new OutboxEntry(UUID.randomUUID().toString(), "reply", channel, keyring.seal(address),
        keyring.seal(Json.write(OutboundText.proactive(text, language))), 0);
  }

  private String seal(Object value) {
    return keyring.seal(Json.write(value));
  }

  private static Survivor withStatus(Survivor survivor, String consentId, String status, Instant now) {
    List<ConsentItem> consents = new ArrayList<>(survivor.consents());
    for (int i = 0; i < consents.size(); i++) {
      ConsentItem c = consents.get(i);
      if (c.id().equals(consentId)) {
        consents.set(i, new ConsentItem(c.id(), c.data(), c.recipient(), c.purpose(), c.until(), status, now));
      }
    }
    return survivor.withConsents(consents);
  }

  private static Map<String, String> consentFields(Effect.ConsentChanged change) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("consentId", change.consentId());
    fields.put("from", change.from() == null ? "" : change.from());
    fields.put("to", change.to());
    fields.put("receipt", change.receipt() == null ? "" : change.receipt());
    fields.put("flow", change.flow() == null ? "" : change.flow());
    fields.put("flowVersion", Integer.toString(change.flowVersion()));
    fields.put("shown", change.shown() == null ? "" : change.shown());
    fields.put("reason", change.reason());
    return fields;
  }

  private static Map<String, Object> event(String type, Map<String, String> fields, Actor actor, String language, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", type);
    e.put("at", now.toString());
    e.put("channel", actor.channel());
    e.put("actor", actor.id() == null ? actor.kind() : actor.kind() + ":" + actor.id());
    e.put("language", language);
    e.putAll(fields);
    return e;
  }

  private static Map<String, Object> alertPayload(String id, Effect.RaiseAlert alert, Survivor survivor, Instant now) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", alert.type());
    payload.put("survivorId", survivor.id());
    payload.put("caseRef", survivor.caseRef());
    payload.put("caseManager", survivor.caseManager());
    payload.putAll(alert.fields());
    payload.put("at", now.toString());
    return payload;
  }
}
