package org.voz.store;

import java.util.List;
import java.util.Objects;

/**
 * Everything one inbound message changes, written all or nothing by one Lua script.
 *
 * @param partition       the survivor's partition (all keys of one survivor share the hash tag {@code {p}})
 * @param survivorId      the survivor, or {@code null} for a sender no survivor is enrolled with
 * @param expectedVersion the session version the engine started from (0 = no session yet)
 * @param sessionBlob     the new session, sealed; {@code null} for an unknown sender
 * @param dedupeId        the provider's message id, e.g. {@code twilio:SM123}; {@code null} = no dedupe
 * @param outbox          messages to send, appended to the partition's outbox stream
 * @param ledger          sealed ledger events appended to the survivor's ledger
 * @param recordBlob      the survivor's new record, sealed, when this commit changes it (a consent
 *                        revoked); {@code null} = unchanged
 * @param alerts          alerts raised by this commit, id → sealed alert, listed for staff until
 *                        acknowledged (the partition's alerts hash); each also goes out through the outbox
 * @param survivorKey     the survivor's own key wrapped by the data key, written once (an enrolment); {@code null}:
 *                        left as it is
 */
public record Commit(
    int partition,
    String survivorId,
    long expectedVersion,
    String sessionBlob,
    String dedupeId,
    List<OutboxEntry> outbox,
    List<String> ledger,
    String recordBlob,
    java.util.Map<String, String> alerts,
    String survivorKey) {

  /** A commit that does not set the survivor's own key (every commit but an enrolment's). */
  public Commit(int partition, String survivorId, long expectedVersion, String sessionBlob, String dedupeId,
      List<OutboxEntry> outbox, List<String> ledger, String recordBlob, java.util.Map<String, String> alerts) {
    this(partition, survivorId, expectedVersion, sessionBlob, dedupeId, outbox, ledger, recordBlob, alerts, null);
  }

  /** A commit that leaves the survivor record as it is. */
  public Commit(int partition, String survivorId, long expectedVersion, String sessionBlob, String dedupeId,
      List<OutboxEntry> outbox, List<String> ledger) {
    this(partition, survivorId, expectedVersion, sessionBlob, dedupeId, outbox, ledger, null, java.util.Map.of(), null);
  }

  public Commit {
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
    ledger = ledger == null ? List.of() : List.copyOf(ledger);
    alerts = alerts == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(alerts));
    if (survivorId != null) {
      Objects.requireNonNull(sessionBlob, "sessionBlob");
    }
  }

  /** The result, and on a conflict the state that won (so the engine can run again without a read). */
  public record Outcome(Result result, Versioned current) {}

  public enum Result {
    /** Written. */
    COMMITTED,
    /** The provider's message id was already committed: nothing written. */
    DUPLICATE,
    /** Someone else committed this survivor's session first: reload and run the engine again. */
    CONFLICT
  }
}
