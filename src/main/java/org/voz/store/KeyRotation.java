package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.voz.crypto.Keyring;

/**
 * Moves everything sealed or indexed under a previous data key to the current one, online, while the service
 * runs ({@code voz keys rotate}). One pass walks every key under the prefix with SCAN; each stale value (first
 * format, or a previous key's id) is opened for its place ({@link SealedPlaces}), sealed again under the current
 * key, and written back only if it is still the value read (compare-and-set in Lua, per value), so a write that
 * came in between is never lost: it was made under the current key already, and the pass leaves it. A ledger or
 * dead-letter stream is rewritten whole, with the same entry ids, only if nothing was appended meanwhile. The
 * outbox streams are not rewritten (their consumer group tracks entries by id): their entries are delivered and
 * deleted within seconds, and the pass reports how many still wait. Each survivor's addresses are indexed under
 * the current key's hash (the previous hashes deleted if they still name the survivor), each staff token entry
 * moved to the current key's index ({@link StaffRepository#reindex}).
 *
 * <p>Idempotent and resumable: a pass that stops anywhere is simply run again; what is current is skipped. The
 * caller repeats passes until one finds nothing stale ({@link Pass#done()}).
 */
public final class KeyRotation {

  /** What one pass did and found; {@code pending} counts stale values it could not move (outbox, lost races). */
  public record Pass(long keys, long resealed, long reindexed, long pending, long unknown) {
    public boolean done() {
      return pending == 0 && unknown == 0;
    }
  }

  private static final LuaScript SET_IF = new LuaScript("rotate-string",
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end "
          + "local ttl = redis.call('PTTL', KEYS[1]) redis.call('SET', KEYS[1], ARGV[2]) "
          + "if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end return 1");
  private static final LuaScript HSET_IF = new LuaScript("rotate-hash",
      "if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end "
          + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1");
  private static final LuaScript SSWAP = new LuaScript("rotate-set",
      "if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end "
          + "redis.call('SREM', KEYS[1], ARGV[1]) redis.call('SADD', KEYS[1], ARGV[2]) return 1");
  private static final LuaScript ZSWAP = new LuaScript("rotate-zset",
      "local s = redis.call('ZSCORE', KEYS[1], ARGV[1]) if not s then return 0 end "
          + "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('ZADD', KEYS[1], s, ARGV[2]) return 1");
  /** ARGV: expected length, expected last id, then per entry: id, n, n field/value pairs. */
  private static final LuaScript XREWRITE = new LuaScript("rotate-stream",
      "if tostring(redis.call('XLEN', KEYS[1])) ~= ARGV[1] then return 0 end "
          + "local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1) "
          + "if #last == 0 or last[1][1] ~= ARGV[2] then return 0 end "
          + "local ttl = redis.call('PTTL', KEYS[1]) redis.call('DEL', KEYS[1]) local i = 3 "
          + "while i <= #ARGV do local id, n = ARGV[i], tonumber(ARGV[i + 1]) i = i + 2 local fv = {} "
          + "for j = 1, 2 * n do fv[j] = ARGV[i] i = i + 1 end redis.call('XADD', KEYS[1], id, unpack(fv)) end "
          + "if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end return 1");
  private static final LuaScript DEL_IF = new LuaScript("rotate-unindex",
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final SealedPlaces places;
  private final SurvivorRepository survivors;
  private final StaffRepository staff;

  public KeyRotation(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.places = new SealedPlaces(keys);
    this.survivors = new SurvivorRepository(redis, keys, keyring);
    this.staff = new StaffRepository(redis, keys, keyring);
  }

  /** One pass over every key; {@code progress} hears a line every {@code every} keys and at the end. */
  public Future<Pass> pass(Consumer<String> progress, int every) {
    long[] counts = new long[5];
    return page(ScanCursor.INITIAL, counts, progress, every).map(v -> {
      Pass pass = new Pass(counts[0], counts[1], counts[2], counts[3], counts[4]);
      progress.accept(line(pass));
      return pass;
    });
  }

  private static String line(Pass p) {
    return "keys " + p.keys() + ", values sealed again " + p.resealed() + ", addresses and tokens re-indexed "
        + p.reindexed() + ", still under an old key " + p.pending() + (p.unknown() > 0 ? ", unknown places " + p.unknown() : "");
  }

  private Future<Void> page(ScanCursor cursor, long[] counts, Consumer<String> progress, int every) {
    return redis.future(redis.commands().scan(cursor, ScanArgs.Builder.matches(keys.prefix() + ":*").limit(500)))
        .compose(found -> {
          Future<Void> chain = Future.succeededFuture();
          for (String key : found.getKeys()) {
            chain = chain.compose(v -> key(key, counts)).map(v -> {
              if (++counts[0] % every == 0) {
                progress.accept(line(new Pass(counts[0], counts[1], counts[2], counts[3], counts[4])));
              }
              return null;
            });
          }
          return chain.compose(v -> found.isFinished() ? Future.succeededFuture() : page(found, counts, progress, every));
        });
  }

  private Future<Void> key(String key, long[] counts) {
    String kind = places.parts(key)[0];
    if (kind.equals("stafftoken")) {
      return staff.reindex(key).map(moved -> {
        counts[2] += moved ? 1 : 0;
        return null;
      });
    }
    if (kind.equals("addr") || kind.equals(RepresentativeIndex.KIND) || kind.equals("wa") || kind.equals("token")) {
      return Future.succeededFuture(); // addresses are re-indexed from their survivor's record; wa: expires in 24 h
    }
    return redis.future(redis.commands().type(key)).compose(type -> switch (type) {
      case "string" -> string(key, counts);
      case "hash" -> hash(key, counts).compose(v -> kind.equals("session") ? reindexAddresses(key, counts) : Future.succeededFuture());
      case "set" -> set(key, counts);
      case "zset" -> zset(key, counts);
      case "stream" -> stream(key, kind, counts);
      default -> Future.succeededFuture();
    });
  }

  private Future<Void> string(String key, long[] counts) {
    return redis.future(redis.commands().get(key)).compose(value -> {
      String fresh = reseal(key, null, value, null, counts);
      return fresh == null ? Future.succeededFuture() : cas(SET_IF, key, counts, value, fresh);
    });
  }

  private Future<Void> hash(String key, long[] counts) {
    return redis.future(redis.commands().hgetall(key)).compose(fields -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, String> e : fields.entrySet()) {
        String fresh = reseal(key, e.getKey(), e.getValue(), null, counts);
        if (fresh != null) {
          chain = chain.compose(v -> cas(HSET_IF, key, counts, e.getKey(), e.getValue(), fresh));
        }
      }
      return chain;
    });
  }

  private Future<Void> set(String key, long[] counts) {
    return redis.future(redis.commands().smembers(key)).compose(members -> {
      Future<Void> chain = Future.succeededFuture();
      for (String member : members) {
        String fresh = reseal(key, null, member, null, counts);
        if (fresh != null) {
          chain = chain.compose(v -> cas(SSWAP, key, counts, member, fresh));
        }
      }
      return chain;
    });
  }

  /** A retry schedule's member is an outbox entry as a JSON array of field/value pairs; a shown one is id:sealed. */
  private Future<Void> zset(String key, long[] counts) {
    return redis.future(redis.commands().zrangeWithScores(key, 0, -1)).compose(scored -> {
      Future<Void> chain = Future.succeededFuture();
      for (ScoredValue<String> s : scored) {
        String member = s.getValue();
        String fresh = zmember(key, member, counts);
        if (fresh != null) {
          chain = chain.compose(v -> cas(ZSWAP, key, counts, member, fresh));
        }
      }
      return chain;
    });
  }

  private String zmember(String key, String member, long[] counts) {
    if (member.startsWith("[")) {
      JsonArray pairs = new JsonArray(member);
      Map<String, String> entry = new LinkedHashMap<>();
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        entry.put(pairs.getString(i), pairs.getString(i + 1));
      }
      boolean changed = false;
      JsonArray out = new JsonArray();
      for (Map.Entry<String, String> e : entry.entrySet()) {
        String fresh = reseal(key, e.getKey(), e.getValue(), entry, counts);
        changed |= fresh != null;
        out.add(e.getKey()).add(fresh == null ? e.getValue() : fresh);
      }
      return changed ? out.encode() : null;
    }
    int colon = member.indexOf(':');
    if (colon > 0) {
      String fresh = reseal(key, null, member.substring(colon + 1), null, counts);
      return fresh == null ? null : member.substring(0, colon + 1) + fresh;
    }
    return null;
  }

  private Future<Void> stream(String key, String kind, long[] counts) {
    return redis.future(redis.commands().xrange(key, Range.create("-", "+"))).compose(messages -> {
      List<String> args = new ArrayList<>();
      boolean changed = false;
      for (StreamMessage<String, String> m : messages) {
        args.add(m.getId());
        args.add(Integer.toString(m.getBody().size()));
        for (Map.Entry<String, String> e : m.getBody().entrySet()) {
          String fresh = kind.equals("outbox") ? stale(e.getValue(), counts) : reseal(key, e.getKey(), e.getValue(), m.getBody(), counts);
          changed |= fresh != null;
          args.add(e.getKey());
          args.add(fresh == null ? e.getValue() : fresh);
        }
      }
      if (!changed || kind.equals("outbox")) {
        return Future.succeededFuture();
      }
      List<String> all = new ArrayList<>();
      all.add(Integer.toString(messages.size()));
      all.add(messages.get(messages.size() - 1).getId());
      all.addAll(args);
      return cas(XREWRITE, key, counts, all.toArray(String[]::new));
    });
  }

  /** An outbox entry is not rewritten: a stale one is only counted (it is delivered and deleted soon). */
  private String stale(String value, long[] counts) {
    if (keyring.isStale(value)) {
      counts[3]++;
    }
    return null;
  }

  /**
   * The value sealed again under the current key, or null when it needs nothing (not sealed, already current, a
   * survivor-key value) or cannot be moved (an unknown place, or it does not open: counted).
   */
  private String reseal(String key, String field, String value, Map<String, String> entry, long[] counts) {
    if (value == null || !keyring.isStale(value)) {
      return null;
    }
    String aad = places.aad(key, field, entry);
    if (aad == null) {
      counts[4]++;
      return null;
    }
    try {
      return keyring.seal(aad, keyring.open(aad, value));
    } catch (Keyring.SealException e) {
      counts[4]++; // altered, or sealed under a key not configured: nothing a rotation can do
      return null;
    }
  }

  /** Runs a compare-and-set; a value that changed meanwhile is left (written under the current key by then). */
  private Future<Void> cas(LuaScript script, String key, long[] counts, String... args) {
    // one value sealed again per compare-and-set, except a stream (counted as one)
    return script.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key}, args).map(n -> {
      if (n == 1L) {
        counts[1]++;
      } else {
        counts[3]++;
      }
      return null;
    });
  }

  /** The survivor's case reference in the current key's index ({@code voz:caseref:<hmac>}), out of the previous ones. */
  private Future<Void> reindexCaseRef(String survivorId, String caseRef, long[] counts) {
    List<String> hashes = keyring.addressHashes("caseref", caseRef);
    Future<Void> chain = redis.future(redis.commands().sadd(keys.global("caseref", hashes.get(0)), survivorId)).mapEmpty();
    for (String old : hashes.subList(1, hashes.size())) {
      chain = chain.compose(v -> redis.future(redis.commands().srem(keys.global("caseref", old), survivorId)))
          .map(n -> {
            counts[2] += n;
            return null;
          });
    }
    return chain;
  }

  /** The survivor's addresses under the current key's hash; previous hashes that still name them deleted. */
  private Future<Void> reindexAddresses(String sessionKey, long[] counts) {
    String survivorId = sessionKey.substring(sessionKey.lastIndexOf(':') + 1);
    return survivors.find(survivorId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<Void> chain = reindexCaseRef(survivorId, found.get().caseRef(), counts);
      if (found.get().representative() != null) {
        // a minor's representative's contacts: the index names them under the current key's hash only
        List<org.voz.consent.Survivor.Contact> represented = found.get().representative().contacts();
        chain = chain.compose(v -> new RepresentativeIndex(redis, keys, keyring).reindex(survivorId, represented));
      }
      for (var contact : found.get().contacts()) {
        List<String> hashes = keyring.addressHashes(contact.channel(), contact.address());
        String current = keys.global("addr", hashes.get(0));
        chain = chain.compose(v -> redis.future(redis.commands().setnx(current, survivorId)))
            .compose(claimed -> claimed ? Future.succeededFuture(survivorId) : redis.future(redis.commands().get(current)))
            .compose(holder -> {
              if (!survivorId.equals(holder)) {
                counts[3]++; // another survivor holds this address under the current key: left for a person to see
                return Future.succeededFuture();
              }
              Future<Void> unindex = Future.succeededFuture();
              for (String old : hashes.subList(1, hashes.size())) {
                String oldKey = keys.global("addr", old);
                unindex = unindex.compose(v -> DEL_IF.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {oldKey},
                    survivorId).map(n -> {
                      counts[2] += n;
                      return null;
                    }));
              }
              return unindex;
            });
      }
      return chain;
    }).recover(e -> {
      counts[3]++; // a record that does not open: reported, not fatal to the pass
      return Future.succeededFuture();
    });
  }
}
