package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;

/**
 * Erases a survivor from Redis. First, in one script in their partition, the session hash (record, session and
 * their own key: whatever copy of what that key sealed exists elsewhere, a backup or a replica, can never be opened
 * again), the ledger, the access log, the alerts handled and the last deliveries, the Telegram messages to delete, and the partition's indexes. Then what names or leads to
 * them elsewhere: their outbox entries (queued, scheduled, dead-lettered; alert e-mails too, which name their id in the body), their open alerts, the address index
 * under every readable key, the WhatsApp window, the case-reference index (under every readable key), the caseload and the other id sets, one-time Telegram and document
 * links, tracked provider messages, the sent markers of their entries under way, linked survey answers. Last, an anonymous tombstone
 * ({@code voz:erasures}: when, by whom, the reason sealed; no survivor id).
 *
 * <p>Once the first script ran, no commit can bring the survivor back (a commit needs the version it read, and
 * the hash is gone), so what follows has nothing to race with. Each step is idempotent: a failure part way is
 * finished by calling {@link #erase} again with the same record.
 */
public final class SurvivorEraser {

  /**
   * KEYS[1] the session hash, then the other keys to delete, then the four indexes; ARGV[1] the survivor id, ARGV[2]
   * the version the erasure read ('': any), ARGV[3] '1' when resuming (the hash already gone: this step ran). 0: the
   * record changed since (a hold placed meanwhile), or is gone (erased meanwhile): nothing done.
   */
  private static final LuaScript PARTITION = new LuaScript("erase-partition",
      "local v = redis.call('HGET', KEYS[1], 'v') "
          + "if ARGV[2] ~= '' and v ~= ARGV[2] and not (ARGV[3] == '1' and v == false) then return 0 end "
          + "for i = 1, #KEYS - 4 do redis.call('DEL', KEYS[i]) end "
          + "for i = #KEYS - 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end return 1");
  private static final LuaScript DEL_IF = new LuaScript("erase-unindex",
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public SurvivorEraser(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** The stream of anonymous tombstones. */
  public String tombstones() {
    return keys.global("erasures");
  }

  /**
   * Erases {@code survivor}. What is left to do is written first ({@code voz:erasing}, the record sealed under the
   * data key, field = the tombstone's id) and removed last: an erasure cut short (the process stopped) is finished
   * by {@link #resume} at the next start.
   */
  public Future<Void> erase(Survivor survivor, String by, String reason, Instant at) {
    return erase(survivor, -1, by, reason, at).mapEmpty();
  }

  /**
   * As {@link #erase(Survivor, String, String, Instant)}, only if the stored record is still at {@code version} (the
   * one the caller read and checked, e.g. for a legal hold); {@code -1}: any. False: it changed meanwhile, nothing
   * was erased (read it again and decide again).
   */
  public Future<Boolean> erase(Survivor survivor, long version, String by, String reason, Instant at) {
    String tombstone = UUID.randomUUID().toString();
    Map<String, Object> work = new LinkedHashMap<>();
    work.put("survivor", survivor);
    work.put("by", by);
    work.put("reason", reason);
    work.put("at", at.toString());
    if (version >= 0) {
      work.put("version", Long.toString(version)); // a resumed erasure erases only the record as it was read
    }
    return redis.future(redis.commands().hset(pending(), tombstone, keyring.seal(Aad.erasing(tombstone), Json.write(work))))
        .compose(n -> steps(survivor, version < 0 ? "" : Long.toString(version), false, by, reason, at, tombstone))
        .compose(done -> redis.future(redis.commands().hdel(pending(), tombstone)).map(done));
  }

  /** Finishes every erasure cut short; the number finished. */
  public Future<Integer> resume() {
    return redis.future(redis.commands().hgetall(pending())).compose(all -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Map.Entry<String, String> e : all.entrySet()) {
        chain = chain.compose(n -> {
          io.vertx.core.json.JsonObject work;
          try {
            work = new io.vertx.core.json.JsonObject(keyring.open(Aad.erasing(e.getKey()), e.getValue()));
          } catch (Keyring.SealException ex) {
            return Future.succeededFuture(n);
          }
          Survivor survivor = Json.read(work.getJsonObject("survivor").encode(), Survivor.class);
          return steps(survivor, work.getString("version", ""), true, work.getString("by"), work.getString("reason"), Instant.parse(work.getString("at")), e.getKey())
              .compose(done -> redis.future(redis.commands().hdel(pending(), e.getKey())).map(x -> done ? n + 1 : n));
        });
      }
      return chain;
    });
  }

  private String pending() {
    return keys.global("erasing");
  }

  private Future<Boolean> steps(Survivor survivor, String version, boolean resuming, String by, String reason, Instant at,
      String tombstone) {
    String id = survivor.id();
    int p = keys.partitionOf(id);
    List<String> partitionKeys = new ArrayList<>(List.of(keys.session(p, id), keys.ledger(p, id),
        keys.inPartition(p, "access", id), keys.inPartition(p, "shown", id), keys.inPartition(p, "handled", id),
        keys.undelivered(p, id), keys.inPartition(p, "delivered", id))); // "delivered": the marks before 2026-12-07
    survivor.requests().stream().map(r -> r.documentId()).filter(d -> d != null && !d.isBlank())
        .forEach(d -> partitionKeys.add(keys.inPartition(p, "doc", d)));
    partitionKeys.add(keys.inPartition(p, "shown"));
    partitionKeys.add(keys.inPartition(p, "expiry"));
    partitionKeys.add(keys.inPartition(p, "requests", "due"));
    partitionKeys.add(keys.inPartition(p, "adults"));
    return PARTITION.<Long>run(redis, ScriptOutputType.INTEGER, partitionKeys.toArray(String[]::new), id, version,
            resuming ? "1" : "0")
        .compose(erased -> erased == 1L ? rest(survivor, by, reason, at, tombstone).map(true) : Future.succeededFuture(false));
  }

  private Future<Void> rest(Survivor survivor, String by, String reason, Instant at, String tombstone) {
    String id = survivor.id();
    int p = keys.partitionOf(id);
    Set<String> entries = new java.util.HashSet<>();
    Predicate<Map<String, String>> matches = aboutSurvivor(survivor);
    // the ids of their entries found, for the sent markers of those under way ({@code confirmed:<entryId>})
    Predicate<Map<String, String>> about = fields -> {
      boolean theirs = matches.test(fields);
      if (theirs && fields.get("id") != null) {
        entries.add(fields.get("id"));
      }
      return theirs;
    };
    return unlinkAddresses(survivor, survivor.contacts())
        .compose(v -> survivor.representative() == null ? Future.<Void>succeededFuture()
            : new RepresentativeIndex(redis, keys, keyring).remove(id, survivor.representative().contacts()))
        .compose(v -> queued(p, about, 1))
        .compose(v -> dead(p, about))
        .compose(v -> entries.isEmpty() ? Future.<Void>succeededFuture() : redis.future(redis.commands().del(
            entries.stream().map(e -> keys.sentMarker(p, e)).toArray(String[]::new))).mapEmpty())
        .compose(v -> alerts(p, id))
        .compose(v -> sets(survivor))
        .compose(v -> feedback(survivor))
        .compose(v -> scanDelete(keys.global("tglink", "*"), value -> id.equals(value)))
        .compose(v -> scanDelete(keys.prefix() + ":{*}:sent:*", value -> value != null && value.contains("|" + id + "|")))
        .compose(v -> scanDelete(keys.global("dlink", "*"), (key, value) -> linkOf(key, value, id)))
        .compose(v -> tombstone(tombstone, by, reason, at));
  }

  /**
   * Unlinks addresses from {@code survivor}: the address index under every readable key (only where it still names
   * them), the WhatsApp window, the shared rate books' entries of the address. Also used when one contact is removed.
   */
  public Future<Void> unlinkAddresses(Survivor survivor, List<Survivor.Contact> contacts) {
    Future<Void> chain = Future.succeededFuture();
    for (Survivor.Contact contact : contacts) {
      for (String hash : keyring.addressHashes(contact.channel(), contact.address())) {
        chain = chain.compose(v -> DEL_IF.<Long>run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.global("addr", hash)}, survivor.id()).mapEmpty())
            .compose(v -> contact.channel().equals("whatsapp")
                ? redis.future(redis.commands().del(keys.global("wa", hash))).mapEmpty()
                : Future.<Void>succeededFuture());
      }
      String rate = keyring.markerHash("rate", contact.address());
      chain = chain.compose(v -> scanDelete(keys.prefix() + ":{rl}:*:" + rate, value -> true));
    }
    return chain;
  }

  /** Whether an outbox entry (its fields) is about the survivor: theirs by id, to one of their addresses, or naming them. */
  private Predicate<Map<String, String>> aboutSurvivor(Survivor survivor) {
    Set<String> addresses = new java.util.HashSet<>();
    survivor.contacts().forEach(c -> addresses.add(c.address()));
    // a recipient's revocation notice names the case, not the survivor: it is kept (it stops a sharing), and
    // deleted once delivered like every entry
    String idJson = "\"survivorId\":\"" + survivor.id() + "\"";
    return fields -> {
      if (survivor.id().equals(fields.get("survivor"))) {
        return true;
      }
      String entryId = fields.get("id");
      if (entryId == null) {
        return false;
      }
      String to = open(Aad.outboxTo(entryId), fields.get("to"));
      if (to != null && addresses.contains(to)) {
        return true;
      }
      String body = open(Aad.outboxBody(entryId), fields.get("body"));
      return body != null && body.contains(idJson);
    };
  }

  private String open(String aad, String sealed) {
    if (sealed == null || !Keyring.isSealed(sealed)) {
      return null;
    }
    try {
      return keyring.open(aad, sealed);
    } catch (Keyring.SealException e) {
      return null;
    }
  }

  /**
   * Their entries in the retry schedule and in the stream, pass after pass until one finds none (at most
   * {@link #QUEUE_PASSES}): an entry moves both ways between the two while a sweep runs (a due retry into the stream,
   * a failed delivery back into the schedule), so one pass over each can miss it. In the stream an entry is
   * acknowledged before it is deleted: a delivery under way then can neither reschedule nor dead-letter it, and no
   * new entry about them is written once their record is gone.
   */
  private Future<Void> queued(int p, Predicate<Map<String, String>> about, int pass) {
    return retry(p, about).compose(scheduled -> outbox(p, about).compose(streamed ->
        scheduled + streamed == 0 || pass >= QUEUE_PASSES ? Future.<Void>succeededFuture() : queued(p, about, pass + 1)));
  }

  private static final int QUEUE_PASSES = 5;

  private Future<Integer> outbox(int p, Predicate<Map<String, String>> about) {
    String stream = keys.outbox(p);
    return redis.future(redis.commands().xrange(stream, Range.create("-", "+"))).compose(messages -> {
      String[] ids = messages.stream().filter(m -> about.test(m.getBody())).map(StreamMessage::getId).toArray(String[]::new);
      if (ids.length == 0) {
        return Future.succeededFuture(0);
      }
      // acknowledged first (an entry being delivered now is not taken over again), then gone
      return redis.future(redis.commands().xack(stream, "dispatch", ids)).recover(e -> Future.succeededFuture(0L))
          .compose(n -> redis.future(redis.commands().xdel(stream, ids))).map(ids.length);
    });
  }

  private Future<Void> dead(int p, Predicate<Map<String, String>> about) {
    String stream = keys.dead(p);
    return redis.future(redis.commands().xrange(stream, Range.create("-", "+"))).compose(messages -> {
      String[] ids = messages.stream().filter(m -> about.test(m.getBody())).map(StreamMessage::getId).toArray(String[]::new);
      return ids.length == 0 ? Future.succeededFuture() : redis.future(redis.commands().xdel(stream, ids)).mapEmpty();
    });
  }

  private Future<Integer> retry(int p, Predicate<Map<String, String>> about) {
    String schedule = keys.retry(p);
    return redis.future(redis.commands().zrange(schedule, 0, -1)).compose(members -> {
      String[] gone = members.stream().filter(m -> {
        JsonArray pairs = new JsonArray(m);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
          fields.put(pairs.getString(i), pairs.getString(i + 1));
        }
        return about.test(fields);
      }).toArray(String[]::new);
      return gone.length == 0 ? Future.succeededFuture(0)
          : redis.future(redis.commands().zrem(schedule, gone)).map(gone.length);
    });
  }

  private Future<Void> alerts(int p, String id) {
    String hash = keys.alerts(p);
    String idJson = "\"survivorId\":\"" + id + "\"";
    return redis.future(redis.commands().hgetall(hash)).compose(all -> {
      String[] gone = all.entrySet().stream().filter(e -> {
        String opened = open(Aad.alert(e.getKey()), e.getValue());
        return opened != null && opened.contains(idJson);
      }).map(Map.Entry::getKey).toArray(String[]::new);
      return gone.length == 0 ? Future.succeededFuture() : redis.future(redis.commands().hdel(hash, gone)).mapEmpty();
    });
  }

  /** The caseload, every survivor who asked for a document, the feedback cohort. */
  private Future<Void> sets(Survivor survivor) {
    Future<Long> caseRefs = Future.succeededFuture(0L);
    for (String hash : keyring.addressHashes("caseref", survivor.caseRef())) {
      caseRefs = caseRefs.compose(n -> redis.future(redis.commands().srem(keys.global("caseref", hash), survivor.id())));
    }
    return caseRefs
        .compose(n -> redis.future(redis.commands().srem(keys.global("caseload", survivor.caseManager()), survivor.id())))
        .compose(n -> redis.future(redis.commands().srem(keys.global("requesters"), survivor.id())))
        .compose(n -> redis.future(redis.commands().srem(keys.global("fb", "cohort"), survivor.id())))
        .mapEmpty();
  }

  /** Their linked answers and their place in each campaign's "who answered" list (anonymous answers name nobody). */
  private Future<Void> feedback(Survivor survivor) {
    Future<Void> chain = Future.succeededFuture();
    for (var invitation : survivor.feedback().invitations()) {
      String c = invitation.campaignId();
      String linked = keys.global("fb", "{" + c + "}", "linked");
      String loop = keys.global("fb", "{" + c + "}", "loop");
      chain = chain.compose(v -> redis.future(redis.commands().hkeys(linked)))
          .compose(fields -> {
            String[] mine = fields.stream().filter(f -> f.startsWith(survivor.id() + ":")).toArray(String[]::new);
            return mine.length == 0 ? Future.succeededFuture(0L) : redis.future(redis.commands().hdel(linked, mine));
          })
          .compose(n -> redis.future(redis.commands().hdel(loop, keyring.markerHash("loop", c + "\n" + survivor.id()))))
          .mapEmpty();
    }
    return chain;
  }

  private boolean linkOf(String key, String value, String id) {
    String opened = open(Aad.documentLink(key.substring(key.lastIndexOf(':') + 1)), value);
    return opened != null && opened.contains("\"survivorId\":\"" + id + "\"");
  }

  private Future<Void> scanDelete(String pattern, Predicate<String> value) {
    return scanDelete(pattern, (key, v) -> value.test(v));
  }

  private Future<Void> scanDelete(String pattern, java.util.function.BiPredicate<String, String> match) {
    return scanPage(pattern, ScanCursor.INITIAL, match);
  }

  private Future<Void> scanPage(String pattern, ScanCursor cursor, java.util.function.BiPredicate<String, String> match) {
    return redis.future(redis.commands().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000))).compose(page -> {
      Future<Void> chain = Future.succeededFuture();
      for (String key : page.getKeys()) {
        chain = chain.compose(v -> redis.future(redis.commands().type(key)))
            .compose(type -> "string".equals(type) ? redis.future(redis.commands().get(key)) : Future.succeededFuture((String) null))
            .compose(value -> match.test(key, value) ? redis.future(redis.commands().del(key)).mapEmpty() : Future.<Void>succeededFuture());
      }
      return chain.compose(v -> page.isFinished() ? Future.succeededFuture() : scanPage(pattern, page, match));
    });
  }

  /** Once per erasure, even when resumed: the tombstone is written only if none with its id exists. */
  private Future<Void> tombstone(String tombstone, String by, String reason, Instant at) {
    return redis.future(redis.commands().xrange(tombstones(), Range.create("-", "+")))
        .map(all -> all.stream().anyMatch(m -> tombstone.equals(m.getBody().get("id"))))
        .compose(written -> written ? Future.succeededFuture() : writeTombstone(tombstone, by, reason, at));
  }

  private Future<Void> writeTombstone(String tombstone, String by, String reason, Instant at) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", tombstone);
    fields.put("type", "survivor.erased");
    fields.put("at", at.toString());
    fields.put("by", by);
    fields.put("reason", keyring.seal(Aad.erasure(tombstone), reason));
    return redis.future(redis.commands().xadd(tombstones(), fields)).mapEmpty();
  }
}
