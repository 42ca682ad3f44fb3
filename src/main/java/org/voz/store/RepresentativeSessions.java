package org.voz.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.voz.crypto.Keyring;

/**
 * The chat sessions of minors' representatives: {@code voz:repsession:<address hash>} (the keyed hash of the channel
 * and address, as {@code voz:repaddr:}), one sealed JSON string per address ({@link Aad#representativeSession}),
 * holding ids and counters only: never a number, a name or a PIN. A session is kept {@link #KEEP} after its last
 * message, so a lock outlives the conversation; the conversation's own idle timeout is the chat's to apply.
 */
public final class RepresentativeSessions {

  /** The kind of the sessions' keys. */
  public static final String KIND = "repsession";
  /** How long a session (and its lock) is kept after the last message. */
  public static final Duration KEEP = Duration.ofDays(30);

  /**
   * @param language  the language the chat speaks
   * @param prompted  whether the PIN was asked for (the next message is taken as the PIN)
   * @param verified  the minors' ids whose representative's PIN this address gave, empty before the PIN
   * @param attempts  wrong PINs in a row
   * @param lockedFor while locked, a digest of the PIN hashes it was locked under ({@code null}: not locked); a new PIN
   *                  set by the case manager opens it
   * @param asking    the grant shown last, {@code <minorId>/<consentId>}, or {@code null}
   * @param lastSeen  when the last message came
   */
  public record State(String language, boolean prompted, List<String> verified, int attempts, String lockedFor, String asking,
      Instant lastSeen) {
    public State {
      verified = List.copyOf(verified);
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public RepresentativeSessions(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** The session of the address, looked up under every readable key (current first); empty when none opens. */
  public Future<Optional<State>> load(String channel, String address) {
    Future<Optional<State>> chain = Future.succeededFuture(Optional.empty());
    for (String hash : keyring.addressHashes(channel, address)) {
      chain = chain.compose(found -> found.isPresent() ? Future.succeededFuture(found)
          : redis.future(redis.commands().get(keys.global(KIND, hash))).map(sealed -> open(hash, sealed)));
    }
    return chain;
  }

  /** Stores the session under the current key's hash (and drops one left under an older key). */
  public Future<Void> save(String channel, String address, State state) {
    List<String> hashes = keyring.addressHashes(channel, address);
    String hash = hashes.get(0);
    String sealed = keyring.seal(Aad.representativeSession(hash), toJson(state).encode());
    Future<Void> chain = redis.future(redis.commands().psetex(keys.global(KIND, hash), KEEP.toMillis(), sealed)).mapEmpty();
    for (String old : hashes.subList(1, hashes.size())) {
      chain = chain.compose(v -> redis.future(redis.commands().del(keys.global(KIND, old))).mapEmpty());
    }
    return chain;
  }

  private Optional<State> open(String hash, String sealed) {
    if (sealed == null) {
      return Optional.empty();
    }
    JsonObject json = new JsonObject(keyring.open(Aad.representativeSession(hash), sealed));
    return Optional.of(new State(json.getString("language"), json.getBoolean("prompted", false), json.getJsonArray("verified", new JsonArray()).stream()
        .map(String::valueOf).toList(), json.getInteger("attempts", 0), json.getString("lockedFor"),
        json.getString("asking"), Instant.ofEpochMilli(json.getLong("lastSeen", 0L))));
  }

  private static JsonObject toJson(State state) {
    return new JsonObject().put("language", state.language()).put("prompted", state.prompted()).put("verified", new JsonArray(state.verified()))
        .put("attempts", state.attempts()).put("lockedFor", state.lockedFor()).put("asking", state.asking())
        .put("lastSeen", state.lastSeen().toEpochMilli());
  }
}
