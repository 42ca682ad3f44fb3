package org.voz.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.voz.consent.ConsentItem;
import org.voz.consent.LedgerChain;
import org.voz.consent.LedgerEvent;
import org.voz.consent.Survivor;
import org.voz.contact.ChannelCatalog;
import org.voz.contact.ChannelId;
import org.voz.conversation.Effect;
import org.voz.conversation.SmsText;
import org.voz.crypto.Keyring;
import org.voz.dispatch.OutboundText;
import org.voz.store.Aad;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

/**
 * Turns effects into what one commit writes, sealed: the survivor's updated record, ledger events,
 * alerts (listed for staff and sent through the outbox) and replies. Shared by the inbound path and by
 * the changes staff make, so both write exactly the same shapes.
 */
public final class EffectWriter {

  /** Who caused the effects: the survivor on a channel, or a staff member through the API. */
  public record Actor(String kind, String id, String channel) {
    /** As the ledger names it: {@code survivor}, {@code staff:cm-ana}, {@code system:expiry}. */
    String name() {
      return id == null ? kind : kind + ":" + id;
    }

    public static Actor survivor(String channel) {
      return new Actor("survivor", null, channel);
    }

    public static Actor staff(String staffId) {
      return new Actor("staff", staffId, "api");
    }

    /** Voz itself, e.g. the expiry job. */
    public static Actor system(String job) {
      return new Actor("system", job, "system");
    }
  }

  /** The alert raised when an alert note to a case manager or a receipt could not be delivered (ids only). */
  public static final String DELIVERY_FAILED = "delivery.failed";

  /**
   * An alert field naming who should act on it when that is not the survivor's case manager: {@link #ADMINS} (the
   * case manager's supervisors: Voz has no supervisor role of its own). Such an alert is listed for admins only, and
   * goes neither to the case manager's phone nor to their e-mail.
   */
  public static final String AUDIENCE = "audience";
  /** The ledger event of a change of a record's risk level (by staff, or by the record's facts). */
  public static final String RISK_CHANGED = "risk.changed";
  /** The survivor asked, in the chat, to have their data erased. */
  public static final String ERASURE_REQUESTED = "erasure.requested";
  public static final String ADMINS = "admin";

  /** When a quick exit's deletion is repeated, for a sensitive answer that was still being sent. */
  static final java.time.Duration FORGET_AGAIN = java.time.Duration.ofSeconds(10);

  /** What the effects write: a changed record (or the same instance), ledger events, alerts, outbox entries. */
  public record Written(Survivor survivor, List<String> ledger, Map<String, String> alerts, List<OutboxEntry> outbox) {}

  /**
   * What the effects follow, from the configuration.
   *
   * @param notifiedRecipients recipient organisations with their own webhook: told when their item is revoked
   * @param alertsGiveUpAfter  how long an alert or notice is retried before it is dead-lettered and shown as failed
   * @param notifyCaseManager  whether each alert also sends a note to the case manager's own channels
   * @param smsMaxSegments     the most SMS segments a reply is cut into
   * @param addedConsentTerm   how long a consent the survivor asks for in a conversation (co-design) runs
   * @param emailAlerts        whether each alert also goes out as an e-mail entry (SMTP configured): delivered to the
   *                           case manager if they chose e-mail alerts, retried like the alert itself while the mail
   *                           server fails
   * @param risk               what each risk level changes: an alert about a survivor whose level's policy says so is
   *                           marked {@code urgent} and also reaches the case manager's phone, whatever
   *                           {@code notifyCaseManager} says
   */
  public record Options(java.util.Set<String> notifiedRecipients, java.time.Duration alertsGiveUpAfter,
      boolean notifyCaseManager, int smsMaxSegments, java.time.Duration addedConsentTerm, boolean emailAlerts,
      org.voz.safety.RiskPolicies risk) {

    /** No recipient webhooks, alerts retried for a day, no notes or e-mails, 3 segments, a year's term, default risk. */
    public static final Options DEFAULTS = new Options(java.util.Set.of(), java.time.Duration.ofHours(24), false, 3,
        java.time.Duration.ofDays(365), false, org.voz.safety.RiskPolicies.DEFAULTS);

    public Options {
      notifiedRecipients = java.util.Set.copyOf(notifiedRecipients);
      java.util.Objects.requireNonNull(risk, "risk");
    }

    public Options withNotifyCaseManager(boolean notify) {
      return new Options(notifiedRecipients, alertsGiveUpAfter, notify, smsMaxSegments, addedConsentTerm, emailAlerts,
          risk);
    }
  }

  private final Keyring keyring;
  private final java.util.function.Supplier<ChannelCatalog> channels;
  private final java.util.Set<String> notifiedRecipients;
  private final java.time.Duration alertsGiveUpAfter;
  private final boolean notifyCaseManager;
  private final int smsMaxSegments;
  private final java.time.Duration addedConsentTerm;
  private final boolean emailAlerts;
  private final org.voz.safety.RiskPolicies risk;

  /**
   * @param channels what each channel can carry, as the channel modules declare it (read at each commit: the modules
   *                 are built after the use cases that write through this)
   */
  public EffectWriter(Keyring keyring, java.util.function.Supplier<ChannelCatalog> channels, Options options) {
    this.keyring = keyring;
    this.channels = channels;
    this.notifiedRecipients = options.notifiedRecipients();
    this.alertsGiveUpAfter = options.alertsGiveUpAfter();
    this.notifyCaseManager = options.notifyCaseManager();
    this.smsMaxSegments = options.smsMaxSegments();
    this.addedConsentTerm = options.addedConsentTerm();
    this.emailAlerts = options.emailAlerts();
    this.risk = options.risk();
  }

  /** What each risk level changes. */
  public org.voz.safety.RiskPolicies policies() {
    return risk;
  }

  /**
   * The policy of {@code survivor}'s risk level on the day of {@code now} (UTC): the level staff set, raised to what
   * the record's facts demand (a minor is high).
   */
  public org.voz.safety.RiskPolicy policyOf(Survivor survivor, Instant now) {
    return risk.of(survivor.risk(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)));
  }

  /** As {@link #write(org.voz.crypto.Sealer, Survivor, List, Actor, String, Instant)}, ledger events under the data key. */
  public Written write(Survivor survivor, List<Effect> effects, Actor actor, String language, Instant now) {
    return write(keyring, survivor, effects, actor, language, now);
  }

  /** @param personal what seals the survivor's ledger events (their own key) */
  public Written write(org.voz.crypto.Sealer personal, Survivor survivor, List<Effect> effects, Actor actor,
      String language, Instant now) {
    Survivor updated = survivor;
    String head = survivor.ledgerHead();
    List<String> ledger = new ArrayList<>();
    Map<String, String> alerts = new LinkedHashMap<>();
    List<OutboxEntry> outbox = new ArrayList<>();
    for (Effect effect : effects) {
      List<LedgerEvent> events = new ArrayList<>(1);
      if (effect instanceof Effect.ConsentChanged change) {
        recipientNotice(updated, change, now).ifPresent(outbox::add);
        updated = withStatus(updated, change.consentId(), change.to(), now);
        events.add(LedgerEvent.unchained("consent." + change.to(), now, actor.channel(), actor.name(), change.consentId(),
            change.from(), change.to(), change.receipt(), change.flow(), change.flowVersion(), language,
            change.shown(), change.reason()));
      } else if (effect instanceof Effect.ConsentAdded added) {
        updated = withAdded(updated, added, now);
      } else if (effect instanceof Effect.SurveyProgress progress) {
        updated = updated.withFeedback(updated.feedback().with(progress.invitation()));
      } else if (effect instanceof Effect.NewsRead read) {
        updated = updated.withFeedback(updated.feedback().withNewsRead(read.campaignId(), read.updateId()));
      } else if (effect instanceof Effect.FileRequestOpened opened) {
        updated = RequestRecords.open(updated, opened.request());
        events.add(RequestRecords.openedEvent(opened, actor.channel(), actor.name(), language, now));
      } else if (effect instanceof Effect.ErasureRequested) {
        // once: asking again while a request waits for its decision changes nothing
        if (!updated.retention().requestOpen()) {
          updated = updated.withRetention(updated.retention().withRequest(new org.voz.consent.Retention.ErasureRequest(
              UUID.randomUUID().toString(), now, org.voz.consent.Retention.ErasureRequest.OPEN, null, null, null, false)));
          events.add(LedgerEvent.unchained(ERASURE_REQUESTED, now, actor.channel(), actor.name(), null, null, null,
              null, null, 0, language, "", null));
        }
      } else if (effect instanceof Effect.ErasureRefusalTold) {
        var request = updated.retention().request();
        if (request != null && !request.told()) {
          updated = updated.withRetention(updated.retention().withRequest(request.toldSurvivor()));
        }
      } else if (effect instanceof Effect.InterpreterRequested interpreter) {
        // the language in the survivor's own words stays in the sealed ledger event, for the case manager to read
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        org.voz.safety.RiskLevel before = updated.risk(today);
        updated = updated.withNeedsInterpreter(true);
        events.add(LedgerEvent.unchained("interpreter.requested", now, actor.channel(), actor.name(), null, null, null,
            null, null, 0, language, "", null).withDetails(Map.of("named", interpreter.named())));
        org.voz.safety.RiskLevel after = updated.risk(today);
        if (after != before) {
          // needing an interpreter makes the record at least medium: the ledger says so, as for a staff change
          events.add(LedgerEvent.unchained(RISK_CHANGED, now, actor.channel(), actor.name(), null, before.code(),
              after.code(), null, null, 0, language, "", "").withDetails(Map.of("source", "needsInterpreter")));
        }
      } else if (effect instanceof Effect.AppendLedger append) {
        events.add(fromFields(append, actor, language, now));
      } else if (effect instanceof Effect.RaiseAlert alert) {
        String id = alert.id() != null ? alert.id() : UUID.randomUUID().toString();
        // the level of the record as it is after the effects before this one (a level raised in this commit counts)
        org.voz.safety.RiskPolicy policy = policyOf(updated, now);
        String payload = Json.write(alertPayload(id, alert, survivor, now, policy.urgentAlerts()));
        alerts.put(id, keyring.seal(Aad.alert(id), payload));
        outbox.add(OutboxEntry.of(id, OutboxEntry.Kind.ALERT, "webhook", "", keyring.seal(Aad.outboxBody(id), payload))
            .withGiveUpAt(now.plus(alertsGiveUpAfter).toEpochMilli()));
        boolean forCaseManager = !ADMINS.equals(alert.fields().get(AUDIENCE));
        if ((notifyCaseManager || policy.alertsToPhone()) && forCaseManager && !alert.type().equals(DELIVERY_FAILED)) {
          // the case manager's own phone or chat hears only that something changed, and where to look (not
          // that a note to that phone failed: it would fail again, and again)
          String noteId = UUID.randomUUID().toString();
          outbox.add(OutboxEntry.of(noteId, OutboxEntry.Kind.STAFFNOTE, "staff", keyring.seal(Aad.outboxTo(noteId), survivor.caseManager()),
              seal(Aad.outboxBody(noteId), Map.of("reference", id.substring(0, 8), "type", alert.type()))).about(survivor.id()));
        }
        if (emailAlerts && forCaseManager) {
          // type and case reference only (the mail says where to look); not about the survivor in the outbox's
          // order, so a mail server outage never holds up the survivor's replies
          // (the survivor's id in the body, not personal, lets an erasure find and delete it)
          String mailId = UUID.nameUUIDFromBytes(("email:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
          outbox.add(OutboxEntry.of(mailId, OutboxEntry.Kind.EMAIL, "email", keyring.seal(Aad.outboxTo(mailId), survivor.caseManager()),
                  seal(Aad.outboxBody(mailId), Map.of("alertId", id, "type", alert.type(), "caseRef", survivor.caseRef(),
                      "survivorId", survivor.id())))
              .withGiveUpAt(now.plus(alertsGiveUpAfter).toEpochMilli()));
        }
      } else if (effect instanceof Effect.ForgetShown) {
        // on each channel that can delete what was shown (Telegram): the survivor's sensitive messages are deleted
        // at once (ReplyDelivery, kind forget), and once more a little later for an answer that was still on its
        // way (waiting for its chat's rate)
        for (ChannelId deleting : channels.get().deleting()) {
          outbox.add(OutboxEntry.of(UUID.randomUUID().toString(), OutboxEntry.Kind.FORGET, deleting.value(), "", "").about(survivor.id()));
          outbox.add(OutboxEntry.of(UUID.randomUUID().toString(), OutboxEntry.Kind.FORGET, deleting.value(), "", "").withNotBefore(now.plus(FORGET_AGAIN).toEpochMilli()).about(survivor.id()));
        }
      }
      for (LedgerEvent event : events) {
        LedgerEvent chained = LedgerChain.append(head, event);
        head = chained.hash();
        ledger.add(personal.seal(Aad.ledger(survivor.id()), Json.write(chained)));
      }
    }
    if (!ledger.isEmpty()) {
      updated = updated.withLedgerHead(head);
    }
    return new Written(updated, ledger, alerts, outbox);
  }

  /**
   * A revocation tells the recipient organisation, if it has a webhook, so that the sharing actually
   * stops: a signed {@code consent.revoked} notice about their item only.
   */
  private java.util.Optional<OutboxEntry> recipientNotice(Survivor survivor, Effect.ConsentChanged change, Instant now) {
    if (!change.to().equals("revoked")) {
      return java.util.Optional.empty();
    }
    return survivor.consents().stream()
        .filter(c -> c.id().equals(change.consentId()) && notifiedRecipients.contains(c.recipient()))
        .findFirst()
        .map(c -> {
          String id = UUID.randomUUID().toString();
          Map<String, Object> notice = new LinkedHashMap<>();
          notice.put("id", id);
          notice.put("type", "consent.revoked");
          notice.put("caseRef", survivor.caseRef());
          notice.put("consentId", c.id());
          notice.put("recipient", c.recipient());
          notice.put("data", c.data());
          notice.put("purpose", c.purpose());
          notice.put("receipt", change.receipt());
          notice.put("at", now.toString());
          return OutboxEntry.of(id, OutboxEntry.Kind.NOTICE, "recipient:" + c.recipient(), "", seal(Aad.outboxBody(id), notice)).withGiveUpAt(now.plus(alertsGiveUpAfter).toEpochMilli());
        });
  }

  /** An AppendLedger's known fields go to their columns, the rest to the event's details. */
  private static LedgerEvent fromFields(Effect.AppendLedger append, Actor actor, String language, Instant now) {
    Map<String, String> details = new LinkedHashMap<>(append.fields());
    String consentId = details.remove("consentId");
    String receipt = details.remove("receipt");
    String reason = details.remove("reason");
    String from = details.remove("from");
    String to = details.remove("to");
    String flow = details.remove("flow");
    String version = details.remove("flowVersion");
    int flowVersion = version == null || !version.matches("[0-9]{1,9}") ? 0 : Integer.parseInt(version);
    return LedgerEvent.unchained(append.type(), now, actor.channel(), actor.name(), consentId, from, to, receipt, flow,
        flowVersion, language, "", reason).withDetails(details);
  }

  /**
   * Outbox entries for replies to {@code address} on {@code channel}. A long SMS is cut here, one entry per
   * part within the segment budget, so that a part that fails is retried alone and the parts already
   * delivered are not sent again.
   */
  public List<OutboxEntry> replies(String channel, String address, List<Effect.Reply> replies) {
    return replies(channel, address, replies, null, null, false);
  }

  /**
   * As {@link #replies(String, String, List)}, about {@code survivorId} (or {@code null} for a stranger): a reply
   * said while verified is marked {@link OutboxEntry#SENSITIVE} and names {@code answers}, the survivor's own
   * message it answers (a Telegram message_id, or {@code null}), so both can be deleted later; with
   * {@code receipt}, the replies carry a consent receipt ({@link OutboxEntry#RECEIPT}).
   */
  public List<OutboxEntry> replies(String channel, String address, List<Effect.Reply> replies, String survivorId,
      String answers, boolean receipt) {
    if (replies.isEmpty()) {
      return List.of();
    }
    List<OutboxEntry> entries = new ArrayList<>();
    for (Effect.Reply reply : replies) {
      String answered = reply.sensitive() ? answers : null;
      for (OutboundText text : texts(channel, reply, answered)) {
        String entryId = UUID.randomUUID().toString();
        OutboxEntry entry = OutboxEntry.of(entryId, OutboxEntry.Kind.REPLY, channel, keyring.seal(Aad.outboxTo(entryId), address),
            keyring.seal(Aad.outboxBody(entryId), Json.write(text)));
        entries.add(survivorId == null ? entry
            : entry.about(survivorId, reply.sensitive() ? OutboxEntry.SENSITIVE : "", receipt ? OutboxEntry.RECEIPT : ""));
      }
    }
    return entries;
  }

  /**
   * What the outbox keeps of one reply: its words and choices as they are, for the channel to render; on a channel
   * billed by segments (SMS) the reply as its numbered text, cut into parts within the segment budget (each part one
   * entry, without choices).
   */
  private List<OutboundText> texts(String channel, Effect.Reply reply, String answered) {
    if (!channels.get().of(channel).segments()) {
      return List.of(OutboundText.reply(reply.prompt(), reply.choices(), reply.menu(), answered));
    }
    List<String> parts = SmsText.split(reply.text(), smsMaxSegments);
    if (parts.isEmpty()) {
      parts = List.of(reply.text());
    }
    return parts.stream().map(part -> OutboundText.reply(part, List.of(), false, answered)).toList();
  }

  /**
   * An outbox entry for a message Voz sends first (a nudge), flagged proactive for the WhatsApp window,
   * not to be sent before {@code notBefore} (epoch ms, the survivor's contact hours; 0 = at once).
   */
  public OutboxEntry proactive(String channel, String address, String text, String language, long notBefore,
      boolean smsFallback) {
    return proactive(channel, address, text, language, notBefore, smsFallback, null);
  }

  /** As above, with the entry's id ({@code null}: a random one). */
  public OutboxEntry proactive(String channel, String address, String text, String language, long notBefore,
      boolean smsFallback, String id) {
    String entryId = id == null ? UUID.randomUUID().toString() : id;
    return OutboxEntry.of(entryId, OutboxEntry.Kind.REPLY, channel, keyring.seal(Aad.outboxTo(entryId), address),
        seal(Aad.outboxBody(entryId), OutboundText.proactive(text, language, smsFallback))).withNotBefore(notBefore);
  }

  private String seal(String aad, Object value) {
    return keyring.seal(aad, Json.write(value));
  }

  /** A consent the survivor asked for (the co-design opt-in): pending until the change that follows grants it. */
  private Survivor withAdded(Survivor survivor, Effect.ConsentAdded added, Instant now) {
    List<ConsentItem> consents = new ArrayList<>(survivor.consents());
    java.time.LocalDate until = now.plus(addedConsentTerm).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    consents.add(new ConsentItem(added.consentId(), added.data(), added.recipient(), added.purpose(), until, "pending", now));
    return survivor.withConsents(consents);
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

  private static Map<String, Object> alertPayload(String id, Effect.RaiseAlert alert, Survivor survivor, Instant now,
      boolean urgent) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", alert.type());
    payload.put("survivorId", survivor.id());
    payload.put("caseRef", survivor.caseRef());
    payload.put("caseManager", survivor.caseManager());
    payload.putAll(alert.fields());
    payload.put("urgent", urgent);
    payload.put("at", now.toString());
    return payload;
  }
}
