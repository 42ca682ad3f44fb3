package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.voz.crypto.Keyring;
import org.voz.staff.Access;

/**
 * The sealed audit stream beside a survivor's ledger, {@code voz:{p}:access:<survivorId>}: one entry (field
 * {@code access}, sealed JSON of an {@link Access}) per staff view of the survivor's personal data and per change.
 * Apart from the consent ledger so that reading a record never contends with the survivor's own commits; trimmed to
 * about the newest {@link #KEEP} entries. Erasing a survivor must delete it with the rest of their keys.
 */
public final class AccessLog {

  /** About how many entries a survivor's stream keeps (approximate trimming). */
  public static final long KEEP = 5_000;

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public AccessLog(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  public Future<Void> record(String survivorId, Access access) {
    return redis.future(redis.commands().xadd(key(survivorId), XAddArgs.Builder.maxlen(KEEP).approximateTrimming(),
        Map.of("access", keyring.seal(Json.write(access))))).mapEmpty();
  }

  /** The survivor's accesses, oldest first. */
  public Future<List<Access>> read(String survivorId) {
    return redis.future(redis.commands().xrange(key(survivorId), Range.create("-", "+")))
        .map(entries -> entries.stream().map(e -> Json.read(keyring.open(e.getBody().get("access")), Access.class)).toList());
  }

  private String key(String survivorId) {
    return keys.inPartition(keys.partitionOf(survivorId), "access", survivorId);
  }
}
