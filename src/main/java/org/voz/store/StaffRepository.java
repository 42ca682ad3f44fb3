package org.voz.store;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.voz.crypto.Keyring;
import org.voz.staff.StaffMember;

/**
 * Staff members (sealed JSON), their bearer tokens, the index of every member, and whether each may act. A token
 * is found by its index, an HMAC (under a subkey of the data key) of its SHA-256: {@code voz:stafftoken:<index>}
 * holds the staff id sealed for that index. Nobody without the data key can write an entry for a token of their
 * own, nor point an entry at another member (a sealed id copied from another entry does not open there). During a
 * rotation a token indexed under a previous key is still found; {@code voz keys rotate} moves every entry to the
 * current key (the sealed value keeps the SHA-256). Entries of the first layout ({@code voz:token:<sha256>} → plain
 * staff id) are moved at start ({@link #migrateLegacyTokens}) and never read. Each member also names the SHA-256 of
 * their one current token ({@code staff-token:<id>}; a digest, not a key name, so a rotation does not change it), so
 * a rotated or revoked token stops at once even if an index entry of it were left behind. A deactivated member is
 * kept (their name on past events) but found by neither their token nor their console session.
 */
public final class StaffRepository {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffRepository.class);

  /** The current-token pointer of a member whose token was revoked (no SHA-256 looks like it). */
  private static final String REVOKED = "revoked";

  /** Whether a member may act, and since when their console sessions count (earlier ones are void). */
  public record Access(Instant deactivatedAt, Instant sessionsFrom) {
    public static final Access OPEN = new Access(null, null);

    public boolean active() {
      return deactivatedAt == null;
    }

    /** Whether a console session begun at {@code createdAt} (epoch ms; 0 if unknown) still counts. */
    public boolean admits(long createdAt) {
      return active() && (sessionsFrom == null || createdAt >= sessionsFrom.toEpochMilli());
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public StaffRepository(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** Stores a new member with its token; false if the id is taken. */
  public Future<Boolean> create(StaffMember member, String token) {
    return await(redis.commands().setnx(memberKey(member.id()), keyring.seal(Aad.staff(member.id()), Json.write(member))))
        .compose(created -> created
            ? setToken(member.id(), token).compose(v -> await(redis.commands().sadd(indexKey(), member.id()))).map(true)
                // without its token the member could never be used nor created again: undo
                .recover(failure -> await(redis.commands().del(memberKey(member.id())))
                    .compose(n -> Future.<Boolean>failedFuture(failure)))
            : Future.succeededFuture(false));
  }

  public Future<Optional<StaffMember>> find(String id) {
    return await(redis.commands().get(memberKey(id)))
        .map(sealed -> {
          if (sealed == null) {
            return Optional.<StaffMember>empty();
          }
          try {
            return Optional.of(Json.read(keyring.open(Aad.staff(id), sealed), StaffMember.class));
          } catch (Keyring.SealException e) {
            // copied from another member, altered, or under a key this instance lacks (readiness says which)
            LOG.warn("staff member record does not open staff={}", id);
            return Optional.<StaffMember>empty();
          }
        });
  }

  /** Every member, by id. */
  public Future<List<StaffMember>> list() {
    return await(redis.commands().smembers(indexKey())).compose(ids -> {
      List<Future<Optional<StaffMember>>> found = new ArrayList<>();
      ids.forEach(id -> found.add(find(id)));
      return Future.all(found).map(all -> found.stream().map(Future::result).flatMap(Optional::stream)
          .sorted(Comparator.comparing(StaffMember::id)).toList());
    });
  }

  /**
   * The active member whose current token this is; empty for an unknown, replaced or revoked token, an entry that
   * does not open where it is, or a deactivated member.
   */
  public Future<Optional<StaffMember>> byToken(String token) {
    String digest = sha256(token);
    return byIndex(keyring.tokenIndexes(digest), 0).compose(id -> id == null
        ? Future.succeededFuture(Optional.<StaffMember>empty())
        : await(redis.commands().get(currentTokenKey(id))).compose(current ->
            // a member created before the current-token pointer has none: their one token is the current one
            current != null && !pointed(current).equals(digest)
                ? Future.succeededFuture(Optional.<StaffMember>empty())
                : access(id).compose(access -> access.active() ? find(id) : Future.succeededFuture(Optional.empty()))));
  }

  /**
   * The digest a current-token pointer names. Pointers written before the keyed index held the token's key name
   * ({@code voz:token:<sha256>}, or {@code voz:token-revoked:<id>}): the part after the last colon is the digest (or
   * an id, which matches no digest).
   */
  private static String pointed(String pointer) {
    return pointer.substring(pointer.lastIndexOf(':') + 1);
  }

  /**
   * Makes {@code token} the member's one token: its index entry is written, named current (from then on the old
   * token is refused), and the old token's entries (under every readable key) deleted. Every token change goes
   * through here.
   */
  public Future<Void> setToken(String staffId, String token) {
    String digest = sha256(token);
    return index(digest, staffId)
        .compose(ok -> await(redis.commands().getset(currentTokenKey(staffId), digest)))
        .compose(old -> old == null || pointed(old).equals(digest) ? Future.succeededFuture() : unindex(pointed(old)));
  }

  /** Revokes the member's token (deactivation): none works until {@link #setToken} gives a new one. */
  public Future<Void> revokeToken(String staffId) {
    return await(redis.commands().getset(currentTokenKey(staffId), REVOKED))
        .compose(old -> old == null || REVOKED.equals(old) ? Future.succeededFuture() : unindex(pointed(old)));
  }

  /** Deletes the index entries of the token whose SHA-256 is {@code digest}, under every readable key. */
  private Future<Void> unindex(String digest) {
    String[] entries = keyring.tokenIndexes(digest).stream().map(this::tokenKey).toArray(String[]::new);
    // a legacy entry of the first layout too, should one have been left
    String[] all = java.util.Arrays.copyOf(entries, entries.length + 1);
    all[entries.length] = keys.global("token", digest);
    return await(redis.commands().del(all)).mapEmpty();
  }

  /** Whether the member may act, and since when their console sessions count. */
  public Future<Access> access(String staffId) {
    return await(redis.commands().hgetall(accessKey(staffId))).map(StaffRepository::access);
  }

  private static Access access(Map<String, String> fields) {
    if (fields == null || fields.isEmpty()) {
      return Access.OPEN;
    }
    String off = fields.get("off");
    String from = fields.get("from");
    return new Access(off == null ? null : Instant.parse(off), from == null ? null : Instant.ofEpochMilli(Long.parseLong(from)));
  }

  /** Deactivates the member at {@code at}: their token and every console session begun before stop at once. */
  public Future<Void> deactivate(String staffId, Instant at) {
    return await(redis.commands().hset(accessKey(staffId), Map.of("off", at.toString(),
        "from", Long.toString(at.toEpochMilli() + 1))))
        .compose(n -> revokeToken(staffId));
  }

  public Future<Void> reactivate(String staffId) {
    return await(redis.commands().hdel(accessKey(staffId), "off")).mapEmpty();
  }

  /** Voids the member's console sessions begun up to {@code at} (a second-factor reset). */
  public Future<Void> endSessions(String staffId, Instant at) {
    return await(redis.commands().hset(accessKey(staffId), "from", Long.toString(at.toEpochMilli() + 1))).mapEmpty();
  }

  private Future<String> byIndex(java.util.List<String> indexes, int i) {
    String index = indexes.get(i);
    return await(redis.commands().get(tokenKey(index))).compose(sealed -> {
      String id = sealed == null ? null : staffId(index, sealed);
      return id != null || i + 1 == indexes.size() ? Future.succeededFuture(id) : byIndex(indexes, i + 1);
    });
  }

  /** The staff id an index entry names, or null if it does not open for this index (forged, copied, altered). */
  private String staffId(String index, String sealed) {
    try {
      String opened = keyring.open(Aad.staffToken(index), sealed);
      int newline = opened.indexOf('\n');
      return newline < 0 ? null : opened.substring(0, newline);
    } catch (Keyring.SealException e) {
      return null;
    }
  }

  /** Writes the index entry of the token whose SHA-256 is {@code digest}, under the current key. */
  Future<Void> index(String digest, String staffId) {
    String index = keyring.tokenIndex(digest);
    return await(redis.commands().set(tokenKey(index), keyring.seal(Aad.staffToken(index), staffId + "\n" + digest)))
        .mapEmpty();
  }

  /**
   * Moves the entry at {@code key} (any layout, any readable key) to the current key's index: what a rotation
   * does to each token entry. Returns whether it moved.
   */
  public Future<Boolean> reindex(String key) {
    String index = key.substring(key.lastIndexOf(':') + 1);
    return await(redis.commands().get(key)).compose(sealed -> {
      if (sealed == null) {
        return Future.succeededFuture(false);
      }
      String opened;
      try {
        opened = keyring.open(Aad.staffToken(index), sealed);
      } catch (Keyring.SealException e) {
        return Future.succeededFuture(false); // not ours to move: a forged or altered entry stays unreadable
      }
      int newline = opened.indexOf('\n');
      String digest = opened.substring(newline + 1);
      if (keyring.tokenIndex(digest).equals(index) && !keyring.isStale(sealed)) {
        return Future.succeededFuture(false);
      }
      return index(digest, opened.substring(0, newline))
          .compose(v -> keyring.tokenIndex(digest).equals(index) ? Future.succeededFuture(0L) : await(redis.commands().del(key)))
          .map(true);
    });
  }

  /**
   * Moves every token entry of the first layout ({@code voz:token:<sha256>} → plain staff id) to the keyed index,
   * deleting the old entry: run at every start (a no-op once done). The old entries are never read, so one written
   * straight into Redis lets nobody in.
   */
  public Future<Integer> migrateLegacyTokens() {
    return migrate(io.lettuce.core.ScanCursor.INITIAL, 0);
  }

  private Future<Integer> migrate(io.lettuce.core.ScanCursor cursor, int moved) {
    String pattern = keys.global("token", "*");
    return await(redis.commands().scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(500)))
        .compose(page -> {
          Future<Integer> all = Future.succeededFuture(moved);
          for (String key : page.getKeys()) {
            String digest = key.substring(key.lastIndexOf(':') + 1);
            all = all.compose(n -> await(redis.commands().get(key)).compose(staffId -> staffId == null
                ? Future.succeededFuture(n)
                : index(digest, staffId).compose(v -> await(redis.commands().del(key))).map(n + 1)));
          }
          return all.compose(n -> page.isFinished() ? Future.succeededFuture(n) : migrate(page, n));
        });
  }

  /** Whether {@code survivorId} is enrolled under case manager {@code staffId}. */
  public Future<Boolean> inCaseload(String staffId, String survivorId) {
    return await(redis.commands().sismember(keys.global("caseload", staffId), survivorId));
  }

  private String memberKey(String id) {
    return keys.global("staff", id);
  }

  private String indexKey() {
    return keys.global("staff-ids");
  }

  private String accessKey(String id) {
    return keys.global("staff-access", id);
  }

  private String currentTokenKey(String id) {
    return keys.global("staff-token", id);
  }

  private String tokenKey(String index) {
    return keys.global("stafftoken", index);
  }

  public static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> Future<T> await(CompletionStage<T> stage) {
    return redis.future(stage);
  }
}
