package org.voz.store;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;

/**
 * Where a minor's representative can be reached, found the way a survivor's address is: {@code voz:repaddr:<hmac>}
 * (the same keyed hash of the channel and address as {@code voz:addr:}, never the number) → the set of the minors'
 * survivor ids whose record names that contact for their representative (several for siblings). Entries are written
 * while the record is a minor's with a representative, and taken out when the representative changes or is removed,
 * when the minor is erased and when they come of age. A reader checks each id against its record: an entry left by a
 * change that failed half-way names a record that no longer holds the contact and counts for nothing.
 */
public final class RepresentativeIndex {

  /** The kind of the index's keys ({@code voz:repaddr:<hmac>}). */
  public static final String KIND = "repaddr";

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public RepresentativeIndex(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** Indexes {@code contacts} as the representative's of {@code survivorId} (under the current data key). */
  public Future<Void> add(String survivorId, List<Survivor.Contact> contacts) {
    Future<Void> chain = Future.succeededFuture();
    for (Survivor.Contact c : contacts) {
      String key = keys.global(KIND, keyring.addressHash(c.channel(), c.address()));
      chain = chain.compose(v -> redis.future(redis.commands().sadd(key, survivorId)).mapEmpty());
    }
    return chain;
  }

  /** Takes {@code survivorId} out of the entries of {@code contacts} under every readable key (an empty set goes). */
  public Future<Void> remove(String survivorId, List<Survivor.Contact> contacts) {
    Future<Void> chain = Future.succeededFuture();
    for (Survivor.Contact c : contacts) {
      for (String hash : keyring.addressHashes(c.channel(), c.address())) {
        String key = keys.global(KIND, hash);
        chain = chain.compose(v -> redis.future(redis.commands().srem(key, survivorId)).mapEmpty());
      }
    }
    return chain;
  }

  /** The ids indexed for the contact under any readable key (not yet checked against their records). */
  public Future<Set<String>> minors(String channel, String address) {
    Set<String> out = new LinkedHashSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (String hash : keyring.addressHashes(channel, address)) {
      String key = keys.global(KIND, hash);
      chain = chain.compose(v -> redis.future(redis.commands().smembers(key)).map(ids -> {
        out.addAll(ids);
        return null;
      }));
    }
    return chain.map(v -> out);
  }

  /**
   * Moves the entries of {@code contacts} that name {@code survivorId} to the current key's hash (a key rotation); a
   * contact not indexed for them under any readable key stays out.
   */
  public Future<Void> reindex(String survivorId, List<Survivor.Contact> contacts) {
    Future<Void> chain = Future.succeededFuture();
    for (Survivor.Contact c : contacts) {
      List<String> hashes = keyring.addressHashes(c.channel(), c.address());
      chain = chain.compose(v -> minors(c.channel(), c.address())).compose(ids -> {
        if (!ids.contains(survivorId)) {
          return Future.succeededFuture();
        }
        Future<Void> move = redis.future(redis.commands().sadd(keys.global(KIND, hashes.get(0)), survivorId)).mapEmpty();
        for (String old : hashes.subList(1, hashes.size())) {
          move = move.compose(v -> redis.future(redis.commands().srem(keys.global(KIND, old), survivorId)).mapEmpty());
        }
        return move;
      });
    }
    return chain;
  }
}
