package org.voz.store;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.voz.crypto.Keyring;
import org.voz.staff.StaffMember;

/**
 * Staff members (sealed JSON) and their bearer tokens. A token is found by its index, an HMAC (under a subkey of
 * the data key) of its SHA-256: {@code voz:stafftoken:<index>} holds the staff id sealed for that index. Nobody
 * without the data key can write an entry for a token of their own, nor point an entry at another member (a sealed
 * id copied from another entry does not open there). During a rotation a token indexed under a previous key is
 * still found; {@code voz keys rotate} moves every entry to the current key (the sealed value keeps the SHA-256).
 * Entries of the first layout ({@code voz:token:<sha256>} → plain staff id) are moved at start
 * ({@link #migrateLegacyTokens}) and never read.
 */
public final class StaffRepository {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffRepository.class);

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
            ? index(sha256(token), member.id()).map(true)
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

  /** The member whose token this is; empty for an unknown token, or an entry that does not open where it is. */
  public Future<Optional<StaffMember>> byToken(String token) {
    String digest = sha256(token);
    return byIndex(keyring.tokenIndexes(digest), 0)
        .compose(id -> id == null ? Future.succeededFuture(Optional.empty()) : find(id));
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
