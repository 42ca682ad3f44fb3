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
 * Staff members (sealed JSON) and their bearer tokens. Only a SHA-256 of each token is stored, so a copy
 * of Redis lets nobody in.
 */
public final class StaffRepository {

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
            ? await(redis.commands().set(tokenKey(token), member.id())).map(true)
                // without its token the member could never be used nor created again: undo
                .recover(failure -> await(redis.commands().del(memberKey(member.id())))
                    .compose(n -> Future.<Boolean>failedFuture(failure)))
            : Future.succeededFuture(false));
  }

  public Future<Optional<StaffMember>> find(String id) {
    return await(redis.commands().get(memberKey(id)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(s), StaffMember.class)));
  }

  public Future<Optional<StaffMember>> byToken(String token) {
    return await(redis.commands().get(tokenKey(token)))
        .compose(id -> id == null ? Future.succeededFuture(Optional.empty()) : find(id));
  }

  /** Whether {@code survivorId} is enrolled under case manager {@code staffId}. */
  public Future<Boolean> inCaseload(String staffId, String survivorId) {
    return await(redis.commands().sismember(keys.global("caseload", staffId), survivorId));
  }

  private String memberKey(String id) {
    return keys.global("staff", id);
  }

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
