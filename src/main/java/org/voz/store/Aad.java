package org.voz.store;

/**
 * The one rule for what a sealed value is bound to (its AES-GCM associated data): {@code <purpose>/<owner id>},
 * the place it belongs to whatever Redis key or stream entry holds it (an outbox entry moves between the stream,
 * the retry schedule and the dead letters; a ledger event's stream id is known only once written). The key prefix
 * and the partition are left out: they are where a deployment puts things, not what a value is. A value copied to
 * another place (another survivor's record, another staff member, another token) does not open there.
 */
public final class Aad {

  private Aad() {}

  /** A survivor's session blob ({@code session} hash field {@code blob}). */
  public static String session(String survivorId) {
    return "session/" + survivorId;
  }

  /** A minor's representative's chat session ({@code voz:repsession:<address hash>}). */
  public static String representativeSession(String addressHash) {
    return "rep-session/" + addressHash;
  }

  /** A survivor's record ({@code session} hash field {@code record}). */
  public static String record(String survivorId) {
    return "record/" + survivorId;
  }

  /** One event of a survivor's ledger (each event of the stream is bound to the survivor; the chain orders them). */
  public static String ledger(String survivorId) {
    return "ledger/" + survivorId;
  }

  /** A survivor's own key, wrapped by the data key ({@code session} hash field {@code skey}). */
  public static String survivorKey(String survivorId) {
    return "survivor-key/" + survivorId;
  }

  /** One entry of a survivor's access log (staff views and changes of their record; under the survivor's own key). */
  public static String access(String survivorId) {
    return "access/" + survivorId;
  }

  /** One alert handled on a survivor's case: type, when, by whom, the note (under the survivor's own key). */
  public static String handled(String survivorId) {
    return "handled/" + survivorId;
  }

  /** A staff member's alert e-mail setting (their address). */
  public static String alertEmail(String staffId) {
    return "alert-email/" + staffId;
  }

  /** An outbox entry's destination address. */
  public static String outboxTo(String entryId) {
    return "outbox/" + entryId + "/to";
  }

  /** An outbox entry's body. */
  public static String outboxBody(String entryId) {
    return "outbox/" + entryId + "/body";
  }

  /** An open alert in its partition's alerts hash. */
  public static String alert(String alertId) {
    return "alert/" + alertId;
  }

  /** Who acknowledged an alert, when, with what note. */
  public static String alertAck(String alertId) {
    return "alert-ack/" + alertId;
  }

  /** A Telegram chat id in a survivor's shown-messages set. */
  public static String shown(String survivorId) {
    return "shown/" + survivorId;
  }

  public static String staff(String staffId) {
    return "staff/" + staffId;
  }

  /** The staff id a bearer token's index entry names. */
  public static String staffToken(String index) {
    return "staff-token/" + index;
  }

  public static String staffCredentials(String staffId) {
    return "staff-cred/" + staffId;
  }

  public static String invite(String tokenHash) {
    return "invite/" + tokenHash;
  }

  public static String consoleSession(String idHash) {
    return "console-session/" + idHash;
  }

  public static String campaign(String campaignId) {
    return "campaign/" + campaignId;
  }

  /** A survivor id in a campaign's list of those who answered ({@code loop} hash, field = its marker). */
  public static String campaignLoop(String campaignId, String marker) {
    return "loop/" + campaignId + "/" + marker;
  }

  /** A survey answer (anonymous or linked) of a campaign. */
  public static String answer(String campaignId) {
    return "answer/" + campaignId;
  }

  /** A campaign's frozen answer set. */
  public static String released(String campaignId) {
    return "released/" + campaignId;
  }

  /** An uploaded document's own key, wrapped by the data key. */
  public static String documentKey(String documentId) {
    return "document-key/" + documentId;
  }

  /** A one-time document link (by the hash of its token). */
  public static String documentLink(String tokenHash) {
    return "document-link/" + tokenHash;
  }

  /** The reason given for an erasure, in its anonymous tombstone. */
  public static String erasure(String tombstoneId) {
    return "erasure/" + tombstoneId;
  }

  /** An erasure under way (the record, until it is finished). */
  public static String erasing(String tombstoneId) {
    return "erasing/" + tombstoneId;
  }

  /** The known value readiness opens to tell whether the configured keys are the data's keys. */
  public static final String CANARY = "key-canary";

  /** The PIN pepper, kept sealed so that it outlives a rotation. */
  public static final String PIN_PEPPER = "pin-pepper";

  /** The key of marker hashes (feedback, campaign loop, escalation ids), kept sealed so it outlives a rotation. */
  public static final String MARKER_KEY = "marker-key";
}
