package org.voz.store;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.voz.crypto.Keyring;
import org.voz.staff.Credentials;

/**
 * What the console's sign-in keeps: each member's credentials (sealed), their recovery codes (SHA-256 of each:
 * the codes are random, so a fast hash is enough), invitations (a SHA-256 of the link's token, expiring),
 * failed sign-ins per account and per client address (a keyed hash of it), and the TOTP steps already used.
 */
public final class StaffCredentials {

  /**
   * An open invitation: whose, the TOTP secret shown on its page (kept so a reload shows the same), and whether
   * it only enrols a new second factor (after an admin's reset: the member proves their current password instead
   * of choosing one).
   */
  public record Invite(String staffId, String totpSecret, boolean secondFactorOnly) {
    public Invite(String staffId, String totpSecret) {
      this(staffId, totpSecret, false);
    }

    public Invite withSecret(String secret) {
      return new Invite(staffId, secret, secondFactorOnly);
    }

    @Override
    public String toString() {
      return "Invite[" + staffId + "]";
    }
  }

  /** Failed sign-ins counted under one key (an account, or a client address's keyed hash), and how long until they are forgotten. */
  public record Failures(long count, Duration left) {
    public static final Failures NONE = new Failures(0, Duration.ZERO);
  }

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public StaffCredentials(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  public Future<Optional<Credentials>> find(String staffId) {
    return await(redis.commands().get(keys.global("staff-cred", staffId)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(Aad.staffCredentials(staffId), s), Credentials.class)));
  }

  /** Sets the member's credentials and replaces their recovery codes (given as hashes). */
  public Future<Void> save(String staffId, Credentials credentials, List<String> recoveryHashes) {
    String recovery = keys.global("staff-recovery", staffId);
    return await(redis.commands().set(keys.global("staff-cred", staffId), keyring.seal(Aad.staffCredentials(staffId), Json.write(credentials))))
        .compose(ok -> await(redis.commands().del(recovery)))
        .compose(n -> recoveryHashes.isEmpty() ? Future.succeededFuture(0L)
            : await(redis.commands().sadd(recovery, recoveryHashes.toArray(String[]::new))))
        .mapEmpty();
  }

  /** Removes the member's second factor and recovery codes (an admin's reset); the password stays. */
  public Future<Void> clearSecondFactor(String staffId) {
    return find(staffId).compose(found -> found.isEmpty() ? Future.succeededFuture()
        : save(staffId, found.get().withoutSecondFactor(), List.of()));
  }

  /** Uses up one recovery code (by its hash): true once, false after or for a code that never was. */
  public Future<Boolean> useRecoveryCode(String staffId, String codeHash) {
    return await(redis.commands().srem(keys.global("staff-recovery", staffId), codeHash)).map(n -> n > 0);
  }

  /** Stores a new invitation; the member's earlier one, if still open, stops working. */
  public Future<Void> createInvite(String tokenHash, Invite invite, Duration ttl) {
    String key = inviteKey(tokenHash);
    return await(redis.commands().set(key, keyring.seal(Aad.invite(tokenHash), Json.write(invite)),
            SetArgs.Builder.px(ttl.toMillis())))
        .compose(ok -> await(redis.commands().getset(keys.global("staff-invite-of", invite.staffId()), key)))
        .compose(old -> old == null || old.equals(key) ? Future.succeededFuture(0L) : await(redis.commands().del(old)))
        .mapEmpty();
  }

  public Future<Optional<Invite>> findInvite(String tokenHash) {
    return await(redis.commands().get(inviteKey(tokenHash)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(Aad.invite(tokenHash), s), Invite.class)));
  }

  /** Keeps the invitation's expiry. */
  public Future<Void> updateInvite(String tokenHash, Invite invite) {
    return await(redis.commands().set(inviteKey(tokenHash), keyring.seal(Aad.invite(tokenHash), Json.write(invite)), SetArgs.Builder.keepttl().xx()))
        .mapEmpty();
  }

  /** Burns the invitation: true for the one caller that got it, so a link works once even when raced. */
  public Future<Boolean> consumeInvite(String tokenHash) {
    return await(redis.commands().del(inviteKey(tokenHash))).map(n -> n > 0);
  }

  /** Counts a failed sign-in of an account; the count lives {@code window} from the first failure. */
  public Future<Long> failed(String staffId, Duration window) {
    return count(keys.global("signin-fail", staffId), window);
  }

  /** Counts a failed sign-in from a client address (by its keyed hash, never the address), like {@link #failed}. */
  public Future<Long> failedFrom(String addressHash, Duration window) {
    return count(keys.global("signin-fail-addr", addressHash), window);
  }

  private Future<Long> count(String key, Duration window) {
    return await(redis.commands().incr(key))
        .compose(n -> n == 1 ? await(redis.commands().pexpire(key, window.toMillis())).map(n) : Future.succeededFuture(n));
  }

  public Future<Long> failures(String staffId) {
    return failuresOf(keys.global("signin-fail", staffId)).map(Failures::count);
  }

  /** An account's failures and how long until they are forgotten. */
  public Future<Failures> accountFailures(String staffId) {
    return failuresOf(keys.global("signin-fail", staffId));
  }

  /** A client address's failures (by its keyed hash) and how long until they are forgotten. */
  public Future<Failures> addressFailures(String addressHash) {
    return failuresOf(keys.global("signin-fail-addr", addressHash));
  }

  private Future<Failures> failuresOf(String key) {
    return await(redis.commands().get(key)).compose(n -> n == null
        ? Future.succeededFuture(Failures.NONE)
        : await(redis.commands().pttl(key)).map(ttl -> new Failures(Long.parseLong(n), Duration.ofMillis(Math.max(0, ttl)))));
  }

  public Future<Void> clearFailures(String staffId) {
    return await(redis.commands().del(keys.global("signin-fail", staffId))).mapEmpty();
  }

  /** Marks a TOTP step used by a member: true the first time, false for a code replayed. */
  public Future<Boolean> useStep(String staffId, long step) {
    return await(redis.commands().set(keys.global("totp-used", staffId, Long.toString(step)), "1",
        SetArgs.Builder.nx().ex(120))).map("OK"::equals);
  }

  private String inviteKey(String tokenHash) {
    return keys.global("staff-invite", tokenHash);
  }

  private <T> Future<T> await(CompletionStage<T> stage) {
    return redis.future(stage);
  }
}
