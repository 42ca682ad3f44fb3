package org.voz.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.voz.crypto.Keyring;
import org.voz.crypto.PersonalKey;

/**
 * Survivors' own keys, unwrapped, kept in memory for a short while: every inbound message opens and seals its
 * survivor's state, and unwrapping the key (an AES-GCM open and a key schedule, a few microseconds) would be paid
 * on each. At most {@code size} keys, each for at most {@code ttl} after it was unwrapped (an erased survivor's key
 * is gone from Redis at once, and from here within {@code ttl}; it opens nothing left in Redis by then). Keyed by
 * the wrapped value, so a key re-wrapped by a rotation is simply unwrapped again.
 */
final class PersonalKeys {

  static final int DEFAULT_SIZE = 10_000;
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private record Held(PersonalKey key, long until) {}

  private final Keyring keyring;
  private final long ttlNanos;
  private final Map<String, Held> held;

  PersonalKeys(Keyring keyring, int size, Duration ttl) {
    this.keyring = keyring;
    this.ttlNanos = ttl.toNanos();
    this.held = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
        return size() > size;
      }
    };
  }

  PersonalKey get(String survivorId, String wrapped) {
    long now = System.nanoTime();
    synchronized (held) {
      Held h = held.get(survivorId + "\n" + wrapped);
      if (h != null && h.until - now > 0) {
        return h.key;
      }
    }
    PersonalKey key = keyring.unwrap(Aad.survivorKey(survivorId), wrapped);
    put(survivorId, wrapped, key);
    return key;
  }

  void put(String survivorId, String wrapped, PersonalKey key) {
    synchronized (held) {
      held.put(survivorId + "\n" + wrapped, new Held(key, System.nanoTime() + ttlNanos));
    }
  }
}
