package org.voz.store;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import io.lettuce.core.SetArgs;

/**
 * One-time Telegram link codes ({@code https://t.me/<bot>?start=<code>}): each maps to a survivor id,
 * expires after a configured time, and is consumed by its first use. Only a hash of the code is a key.
 */
public final class TelegramLinks {

  private final Redis redis;
  private final Keys keys;
  private final SecureRandom random = new SecureRandom();

  public TelegramLinks(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** A new code for {@code survivorId}, valid for {@code ttl}. */
  public Future<String> create(String survivorId, Duration ttl) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return redis.future(redis.commands().set(key(code), survivorId, SetArgs.Builder.ex(ttl.toSeconds()))).map(code);
  }

  /**
   * Consumes {@code code} atomically (GETDEL): the survivor id it was made for, or empty when the code is
   * unknown, used or expired. Two concurrent uses of one code: exactly one gets the id.
   */
  public Future<Optional<String>> consume(String code) {
    if (code == null || code.isBlank()) {
      return Future.succeededFuture(Optional.empty());
    }
    return redis.future(redis.commands().getdel(key(code))).map(Optional::ofNullable);
  }

  private String key(String code) {
    return keys.global("tglink", StaffRepository.sha256(code));
  }
}
