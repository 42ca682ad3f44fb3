package org.voz.store;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.Map;
import org.voz.crypto.Keyring;

/**
 * What tells whether the configured data keys are the data's keys, and the secrets that must outlive a rotation,
 * in one hash {@code voz:keys}: {@code canary}, a known value sealed at the first start; {@code pepper}, the PIN
 * pepper; {@code markers}, the key of marker hashes (all three sealed by the data key, re-sealed by a rotation).
 * A PIN hash cannot be re-peppered without the PIN, nor a marker re-computed without what it hashed: so they keep
 * the values they had before, which were derived from the data key of the time.
 *
 * <p>Under a wrong key nothing here opens: {@link #bootstrap} then says so, and readiness fails, rather than the
 * service answering every survivor as a stranger (their address hashes would not match).
 */
public final class KeyCanary {

  /** Why the keys are not the data's keys (a readiness reason code, no secret). */
  public static final String MISMATCH = "data_key_mismatch";

  private static final String CANARY_TEXT = "voz key canary";
  private static final int PROBE_PAGES = 20;

  private final Redis redis;
  private final Keys keys;

  public KeyCanary(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** @param keyring the keyring with the stored secrets in place, or the configured one when {@code problem} is set */
  public record Bootstrap(Keyring keyring, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  public String key() {
    return keys.global("keys");
  }

  /**
   * Reads (or, at the very first start, writes) the canary and the stored secrets. At a first start over data
   * written before the canary existed, one sealed record is opened first: if it does not open, the keys are wrong
   * and nothing is written.
   */
  public Future<Bootstrap> bootstrap(Keyring configured) {
    return redis.future(redis.commands().hgetall(key())).compose(stored -> stored.containsKey("canary")
        ? Future.succeededFuture(open(configured, stored))
        : probeExistingData(configured).compose(readable -> readable
            ? write(configured).compose(v -> redis.future(redis.commands().hgetall(key())))
                .map(written -> open(configured, written))
            : Future.succeededFuture(new Bootstrap(configured, MISMATCH))));
  }

  /** Whether the configured keys open the canary now (readiness): null if they do, else the reason code. */
  public Future<String> check(Keyring keyring) {
    return redis.future(redis.commands().hget(key(), "canary")).map(sealed -> {
      if (sealed == null) {
        return MISMATCH; // written at every start: gone means another Redis, or a wiped one under our feet
      }
      try {
        return CANARY_TEXT.equals(keyring.open(Aad.CANARY, sealed)) ? null : MISMATCH;
      } catch (Keyring.SealException e) {
        return MISMATCH;
      }
    });
  }

  private Bootstrap open(Keyring configured, Map<String, String> stored) {
    try {
      if (!CANARY_TEXT.equals(configured.open(Aad.CANARY, stored.get("canary")))) {
        return new Bootstrap(configured, MISMATCH);
      }
      byte[] pepper = Base64.getDecoder().decode(configured.open(Aad.PIN_PEPPER, stored.get("pepper")));
      byte[] markers = Base64.getDecoder().decode(configured.open(Aad.MARKER_KEY, stored.get("markers")));
      return new Bootstrap(configured.withStoredSecrets(pepper, markers), null);
    } catch (Keyring.SealException | IllegalArgumentException | NullPointerException e) {
      return new Bootstrap(configured, MISMATCH);
    }
  }

  private Future<Void> write(Keyring configured) {
    byte[][] secrets = configured.storedSecrets(); // derived from the current key, as every PIN hash so far
    Base64.Encoder b64 = Base64.getEncoder();
    String k = key();
    return redis.future(redis.commands().hsetnx(k, "pepper", configured.seal(Aad.PIN_PEPPER, b64.encodeToString(secrets[0]))))
        .compose(x -> redis.future(redis.commands().hsetnx(k, "markers", configured.seal(Aad.MARKER_KEY, b64.encodeToString(secrets[1])))))
        // the canary last: while it is missing, the next start writes the rest again (HSETNX keeps what is there)
        .compose(x -> redis.future(redis.commands().hsetnx(k, "canary", configured.seal(Aad.CANARY, CANARY_TEXT))))
        .mapEmpty();
  }

  /** Whether the first survivor record found (if any) opens with the configured keys. */
  private Future<Boolean> probeExistingData(Keyring configured) {
    return probe(configured, ScanCursor.INITIAL, 0);
  }

  private Future<Boolean> probe(Keyring configured, ScanCursor cursor, int page) {
    String pattern = keys.prefix() + ":{*}:session:*";
    return redis.future(redis.commands().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500))).compose(found -> {
      if (!found.getKeys().isEmpty()) {
        String key = found.getKeys().get(0);
        String survivorId = key.substring(key.lastIndexOf(':') + 1);
        return redis.future(redis.commands().hmget(key, "record", "skey")).map(values -> {
          String record = values.get(0).getValueOrElse(null);
          String skey = values.get(1).getValueOrElse(null);
          if (record == null) {
            return true;
          }
          try {
            if (skey != null) {
              configured.unwrap(Aad.survivorKey(survivorId), skey); // the record is under the survivor's own key
            } else {
              configured.open(Aad.record(survivorId), record);
            }
            return true;
          } catch (Keyring.SealException e) {
            return false;
          }
        });
      }
      return found.isFinished() || page + 1 >= PROBE_PAGES ? Future.succeededFuture(true)
          : probe(configured, found, page + 1);
    });
  }
}
