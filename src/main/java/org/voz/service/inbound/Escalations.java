package org.voz.service.inbound;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;
import org.voz.feedback.Answer;
import org.voz.feedback.Safeguarding;
import org.voz.store.Commit;
import org.voz.store.Json;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.SessionStore;

/**
 * Sensitive feedback ({@code feedback.escalated}) for the safeguarding lead's webhook, never the coordinator
 * or the case manager: a signed notice (outbox kind {@code notice}, channel {@link #CHANNEL}), retried until
 * answered 2xx like an alert.
 *
 * <p>Anonymity: the entry is appended on its own, outside the survivor's commit, to the outbox of the partition
 * of its keyed id: the survivor's partition (derived from their id) would already point at a few survivors. An
 * escalation of an anonymous answer carries no survivor id, case reference or case manager: only the campaign,
 * the question, the language, why it escalated and the survivor's own words; the lead cannot reach the person
 * unless the person chose linked answers (their agreement to be known), in which case it carries the survivor
 * id and case reference so the lead can act with the case manager. The words go unredacted: the lead needs the
 * names and places to act on them.
 */
public final class Escalations {

  /** The outbox channel of escalations; {@code ReplyDelivery}'s notices map it to the lead's webhook. */
  public static final String CHANNEL = "safeguarding";

  private final SessionStore sessions;
  private final Keys keys;
  private final Keyring keyring;
  private final Safeguarding safeguarding;
  private final Clock clock;
  private final Duration giveUpAfter;
  private final IntConsumer poke;

  public Escalations(SessionStore sessions, Keys keys, Keyring keyring, Safeguarding safeguarding, Clock clock,
      Duration giveUpAfter, IntConsumer poke) {
    this.sessions = sessions;
    this.keys = keys;
    this.keyring = keyring;
    this.safeguarding = safeguarding;
    this.clock = clock;
    this.giveUpAfter = giveUpAfter;
    this.poke = poke;
  }

  boolean escalates(Answer answer) {
    return safeguarding.escalates(answer);
  }

  /**
   * Queues {@code answer}'s escalation; {@code survivor} is used only when the answer is linked. Idempotent per
   * survivor, campaign, question and answer: the id is a keyed hash of them (nothing unkeyed ties it to the
   * survivor; a changed answer is a new escalation), and it is the commit's dedupe key, so raising it again
   * (a retried webhook, a re-run after a conflict) within {@code dedupe.ttl} is a DUPLICATE that queues nothing.
   */
  Future<Void> raise(Answer answer, Survivor survivor) {
    String id = keyring.markerHash("escalation", String.join("\n", answer.campaignId(), survivor.id(),
        answer.questionId(), String.join(",", answer.values()), String.valueOf(answer.text())));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", "feedback.escalated");
    payload.put("campaignId", answer.campaignId());
    payload.put("questionId", answer.questionId());
    payload.put("reason", answer.values().contains(Safeguarding.COMPLAINT) ? "complaint" : "safeguarding_terms");
    payload.put("language", answer.profile().language());
    payload.put("anonymous", answer.anonymous());
    if (answer.text() != null) {
      payload.put("text", answer.text());
    }
    if (!answer.anonymous()) {
      payload.put("survivorId", survivor.id());
      payload.put("caseRef", survivor.caseRef());
    }
    // the day only: an exact time beside an anonymous answer would match the survivor's last message
    payload.put("day", clock.instant().toString().substring(0, 10));
    return queue(id, payload);
  }

  /**
   * Queues a complaint made outside any survey (the menu's "report a problem") for the safeguarding lead:
   * {@code feedback.escalated} with reason {@code complaint}, the survivor's words, and their id and case
   * reference only when they chose to be known. Never to the case manager, never in their ledger. Idempotent per
   * survivor, message and words, like {@link #raise}.
   */
  Future<Void> complaint(org.voz.conversation.Effect.Complaint complaint, Survivor survivor) {
    String id = keyring.markerHash("escalation", String.join("\n", "complaint", survivor.id(),
        String.valueOf(complaint.turn()), complaint.text()));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", "feedback.escalated");
    payload.put("reason", "complaint");
    payload.put("language", complaint.language());
    payload.put("anonymous", complaint.anonymous());
    payload.put("text", complaint.text());
    if (!complaint.anonymous()) {
      payload.put("survivorId", survivor.id());
      payload.put("caseRef", survivor.caseRef());
    }
    payload.put("day", clock.instant().toString().substring(0, 10));
    return queue(id, payload);
  }

  private Future<Void> queue(String id, Map<String, Object> payload) {
    long giveUpAt = clock.instant().plus(giveUpAfter).toEpochMilli();
    OutboxEntry entry = OutboxEntry.of(id, OutboxEntry.Kind.NOTICE, CHANNEL, "", keyring.seal(org.voz.store.Aad.outboxBody(id), Json.write(payload))).withGiveUpAt(giveUpAt);
    // the partition of the keyed hash: as unrelated to the survivor's own partition as a random one, but stable
    int partition = keys.partitionOf(id);
    return sessions.apply(new Commit(partition, null, 0, null, "escalation:" + id, List.of(entry), List.of()))
        .onSuccess(outcome -> {
          if (outcome.result() == Commit.Result.COMMITTED) {
            poke.accept(partition);
          }
        })
        .mapEmpty();
  }
}
