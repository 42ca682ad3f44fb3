package org.voz.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Every Redis key of Voz. A survivor's keys share the hash tag {@code {p}} of their partition so that one
 * commit touches one Cluster slot.
 *
 * <p>Layout ({@code voz} is the prefix, {@code p} the partition, {@code 0 <= p < partitions}):
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code voz:{p}:session:<survivorId>}</td><td>hash</td>
 *       <td>{@code v} = version (1, 2, …), {@code blob} = the sealed session, {@code record} = the sealed
 *       survivor record; the one version guards both; {@code skey} = the survivor's own key, wrapped by the data key
 *       (record, session and ledger are sealed under it)</td></tr>
 *   <tr><td>{@code voz:{p}:ledger:<survivorId>}</td><td>stream</td>
 *       <td>append-only sealed ledger events, one field {@code event} per entry, oldest first</td></tr>
 *   <tr><td>{@code voz:{p}:access:<survivorId>}</td><td>stream</td>
 *       <td>sealed staff accesses to the survivor's record (views and changes; {@link AccessLog}), oldest first</td></tr>
 *   <tr><td>{@code voz:{p}:handled:<survivorId>}</td><td>stream</td>
 *       <td>sealed alerts acknowledged on the survivor's case, with the member's note ({@link HandledAlerts}), oldest first</td></tr>
 *   <tr><td>{@code voz:{p}:undelivered:<survivorId>}</td><td>hash with TTL</td>
 *       <td>by outbox kind (a reply to them, a note about them): the time of the first one given up on since the last
 *       one of that kind went out ({@link Undelivered}); written with the dead letter, the field deleted by the next
 *       send of its kind</td></tr>
 *   <tr><td>{@code voz:{p}:outbox}</td><td>stream</td>
 *       <td>messages to send ({@link OutboxEntry#toFields()}); consumer group {@code dispatch}; an entry is
 *       deleted once delivered, retried or dead-lettered</td></tr>
 *   <tr><td>{@code voz:{p}:retry}</td><td>sorted set</td>
 *       <td>entries waiting for a retry, score = due time (Redis clock, epoch ms), member = JSON array of the
 *       entry's field/value pairs</td></tr>
 *   <tr><td>{@code voz:{p}:confirmed:<entryId>}</td><td>string with TTL</td>
 *       <td>an outbox entry whose send the provider confirmed when it was no longer pending ({@link #sentMarker});
 *       value: the provider's message ids</td></tr>
 *   <tr><td>{@code voz:{p}:dead}</td><td>stream</td>
 *       <td>dead letters: the entry's (sealed) fields plus {@code reason}, {@code streamId}</td></tr>
 *   <tr><td>{@code voz:{p}:dedupe:<providerId>}</td><td>string with TTL</td>
 *       <td>a committed provider message id, e.g. {@code twilio:SM123}; value {@code 1}</td></tr>
 *   <tr><td>{@code voz:{p}:alerts}</td><td>hash</td>
 *       <td>open alerts of the partition's survivors: alert id → sealed alert JSON, until acknowledged</td></tr>
 *   <tr><td>{@code voz:{p}:shown:<survivorId>}, {@code voz:{p}:shown}</td><td>sorted sets</td>
 *       <td>sensitive Telegram messages to delete ({@link ShownMessages}), and the partition's survivors that have
 *       some, by the newest</td></tr>
 *   <tr><td>{@code voz:{p}:sent:<MessageSid>}</td><td>string with TTL</td>
 *       <td>the outbox entry a tracked Twilio message came from ({@link SentMessages}); {@code p} is the
 *       partition of the sid</td></tr>
 *   <tr><td>{@code voz:{rl}:<limit>:<key>}</td><td>sorted set with TTL</td>
 *       <td>booked send slots of one rate, shared by all instances ({@code channel.SharedRateBook}); a chat or
 *       number only as a keyed hash</td></tr>
 *   <tr><td>{@code voz:addr:<hmac>}</td><td>string</td><td>channel address hash → survivor id</td></tr>
 *   <tr><td>{@code voz:repaddr:<hmac>}</td><td>set</td><td>a minor's representative's channel address hash (the same
 *       hash) → the ids of the minors whose record names it ({@link RepresentativeIndex})</td></tr>
 *   <tr><td>{@code voz:staff:<id>}, {@code voz:stafftoken:<hmac>}</td><td>string</td>
 *       <td>sealed staff member; bearer token index (HMAC of its SHA-256) → sealed staff id ({@link StaffRepository})</td></tr>
 *   <tr><td>{@code voz:staff-ids}, {@code voz:staff-token:<id>}, {@code voz:staff-access:<id>}</td><td>set, string, hash</td>
 *       <td>every staff id; the SHA-256 of a member's one current token (a rotated or revoked one is refused; a
 *       digest, not a key name, so a key rotation leaves it valid); {@code off} = when deactivated, {@code from} =
 *       epoch ms before which their console sessions are void ({@link StaffRepository})</td></tr>
 *   <tr><td>{@code voz:signin-fail:<staffId>}, {@code voz:signin-fail-addr:<hmac>}</td><td>string with TTL</td>
 *       <td>failed console sign-ins of an account, and from a client address (a keyed hash of it)</td></tr>
 *   <tr><td>{@code voz:console-audit}</td><td>stream</td><td>console account events, ids only ({@link ConsoleAudit})</td></tr>
 *   <tr><td>{@code voz:keys}</td><td>hash</td><td>{@code canary}, {@code pepper}, {@code markers}: sealed by the data key
 *       ({@link KeyCanary})</td></tr>
 *   <tr><td>{@code voz:erasures}, {@code voz:erasing}</td><td>stream, hash</td><td>anonymous tombstones of erased
 *       survivors; erasures under way ({@link SurvivorEraser})</td></tr>
 *   <tr><td>{@code voz:caseload:<staffId>}</td><td>set</td><td>the survivor ids of a case manager</td></tr>
 *   <tr><td>{@code voz:caseref:<hmac>}</td><td>set</td><td>case reference hash → the survivor ids enrolled under
 *       it (the console's search by exact reference)</td></tr>
 *   <tr><td>{@code voz:tglink:<sha256>}</td><td>string with TTL</td><td>one-time Telegram link code → survivor id</td></tr>
 *   <tr><td>{@code voz:wa:<hmac>}</td><td>string with TTL</td><td>a WhatsApp address wrote in the last 24 h
 *       (its window is open); set by {@code channel.twilio.WhatsAppWindow}</td></tr>
 *   <tr><td>{@code voz:{p}:doc:<documentId>}</td><td>hash with TTL</td><td>an uploaded document: {@code key} its
 *       own AES key sealed by the data key, {@code data} the AES-GCM ciphertext ({@link DocumentStore})</td></tr>
 *   <tr><td>{@code voz:dlink:<sha256 of token>}</td><td>string with TTL</td><td>a one-time document link (sealed
 *       survivor, request and document ids); deleted when used</td></tr>
 *   <tr><td>{@code voz:{p}:requests:due}</td><td>sorted set</td><td>survivors by the time of their next file
 *       request due-date alert (epoch ms)</td></tr>
 *   <tr><td>{@code voz:{p}:adults}</td><td>sorted set</td><td>minors by the day they turn 18 (epoch day), until
 *       their coming of age is noted ({@link AdultIndex})</td></tr>
 *   <tr><td>{@code voz:requesters}</td><td>set</td><td>every survivor who asked for a document</td></tr>
 *   <tr><td>{@code voz:<parts…>}</td><td>any</td><td>global keys outside partitions ({@link #global})</td></tr>
 * </table>
 */
public final class Keys {

  /** Redis Cluster has 16384 slots; more partitions than that cannot spread further. */
  public static final int MAX_PARTITIONS = 16384;

  private final String prefix;
  private final int partitions;

  /** @param prefix usually {@code voz}; tests use a random prefix so they never see each other's keys */
  public Keys(String prefix, int partitions) {
    if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("key prefix must be non-blank, without braces");
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException("partitions must be 1.." + MAX_PARTITIONS + ": " + partitions);
    }
    this.prefix = prefix;
    this.partitions = partitions;
  }

  public String prefix() {
    return prefix;
  }

  public int partitions() {
    return partitions;
  }

  /**
   * The partition of an id (a survivor id, or an address hash for unknown senders), stable forever: CRC32 of
   * its UTF-8 bytes modulo the number of partitions.
   */
  public int partitionOf(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % partitions);
  }

  /** Whether {@code p} is one of this layout's partitions. */
  public boolean isPartition(int p) {
    return p >= 0 && p < partitions;
  }

  /** A global key outside any partition, e.g. {@code global("addr", hash)} = {@code voz:addr:<hash>}. */
  public String global(String... parts) {
    return prefix + ":" + String.join(":", parts);
  }

  /** A key inside partition {@code p}, e.g. {@code inPartition(3, "survivor", id)} = {@code voz:{3}:survivor:<id>}. */
  public String inPartition(int p, String... parts) {
    return prefix + ":{" + p + "}:" + String.join(":", parts);
  }

  /** The survivor's state hash ({@code v}, {@code blob} = session, {@code record}). */
  public String session(int p, String survivorId) {
    return inPartition(p, "session", survivorId);
  }

  /** The survivor's ledger stream. */
  public String ledger(int p, String survivorId) {
    return inPartition(p, "ledger", survivorId);
  }

  /** The partition's outbox stream. */
  public String outbox(int p) {
    return inPartition(p, "outbox");
  }

  /** The partition's retry schedule (sorted set by due time). */
  public String retry(int p) {
    return inPartition(p, "retry");
  }

  /** The partition's dead-letter stream. */
  public String dead(int p) {
    return inPartition(p, "dead");
  }

  /**
   * The sent marker of an outbox entry (string with TTL: the provider's message ids): its send was confirmed
   * after the entry had left the stream (its delivery timed out and it waits for a retry), so the retry is
   * settled without sending it again.
   */
  public String undelivered(int p, String survivorId) {
    return inPartition(p, "undelivered", survivorId);
  }

  public String sentMarker(int p, String entryId) {
    return inPartition(p, "confirmed", entryId);
  }

  /** A committed provider message id (string with TTL). */
  public String dedupe(int p, String providerId) {
    return inPartition(p, "dedupe", providerId);
  }

  /** The partition's open alerts (hash: alert id → sealed alert). */
  public String alerts(int p) {
    return inPartition(p, "alerts");
  }
}
