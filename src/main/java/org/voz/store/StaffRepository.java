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
 * Staff members (sealed JSON), their bearer tokens, the index of every member, and whether each may act. Only a
 * hash of each token is stored ({@link #tokenKey}, the one place a token becomes a key), so a copy of Redis lets
 * nobody in; each member also names their one current token key ({@code staff-token:<id>}), so a rotated or
 * revoked token stops at once even if its old key were left behind. A deactivated member is kept (their name on
 * past events) but found by neither their token nor their console session.
 */
public final class StaffRepository {

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
    return await(redis.commands().setnx(memberKey(member.id()), keyring.seal(Json.write(member))))
        .compose(created -> created
            ? setToken(member.id(), token).compose(v -> await(redis.commands().sadd(indexKey(), member.id()))).map(true)
                // without its token the member could never be used nor created again: undo
                .recover(failure -> await(redis.commands().del(memberKey(member.id())))
                    .compose(n -> Future.<Boolean>failedFuture(failure)))
            : Future.succeededFuture(false));
  }

  public Future<Optional<StaffMember>> find(String id) {
    return await(redis.commands().get(memberKey(id)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(s), StaffMember.class)));
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

  /** The active member whose current token this is; empty for an unknown, replaced or revoked token, or a deactivated member. */
  public Future<Optional<StaffMember>> byToken(String token) {
    String key = tokenKey(token);
    return await(redis.commands().get(key)).compose(id -> id == null
        ? Future.succeededFuture(Optional.<StaffMember>empty())
        : await(redis.commands().get(currentTokenKey(id))).compose(current ->
            // a member created before the current-token index has none: their one token is the current one
            current != null && !current.equals(key)
                ? Future.succeededFuture(Optional.<StaffMember>empty())
                : access(id).compose(access -> access.active() ? find(id) : Future.succeededFuture(Optional.empty()))));
  }

  /**
   * Makes {@code token} the member's one token: the new key is written, named current (from then on the old
   * token is refused), and the old key deleted. Every token change goes through here.
   */
  public Future<Void> setToken(String staffId, String token) {
    String key = tokenKey(token);
    return await(redis.commands().set(key, staffId))
        .compose(ok -> await(redis.commands().getset(currentTokenKey(staffId), key)))
        .compose(old -> old == null || old.equals(key) ? Future.succeededFuture(0L) : await(redis.commands().del(old)))
        .mapEmpty();
  }

  /** Revokes the member's token (deactivation): none works until {@link #setToken} gives a new one. */
  public Future<Void> revokeToken(String staffId) {
    String revoked = keys.global("token-revoked", staffId);
    return await(redis.commands().getset(currentTokenKey(staffId), revoked))
        .compose(old -> old == null || old.equals(revoked) ? Future.succeededFuture(0L) : await(redis.commands().del(old)))
        .mapEmpty();
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

  /** The key of a bearer token: the one place a token is turned into what Redis keeps. */
  private String tokenKey(String token) {
    return keys.global("token", sha256(token));
  }

  static String sha256(String token) {
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
