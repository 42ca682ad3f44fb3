package org.voz.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which outbox entry a provider's message came from, for the messages whose failure someone must hear of (an
 * alert note to a case manager, a consent receipt): {@code voz:{p}:sent:<provider id>} → {@code kind|entry
 * id|survivor id|marks}, with a TTL, where {@code p} is the partition of the provider id itself (a status
 * callback knows nothing else). Ids only: nothing personal.
 */
public final class SentMessages {

  /** What a sent message carried. */
  public record Sent(OutboxEntry.Kind kind, String entryId, String survivorId, String marks) {}

  private final Redis redis;
  private final Keys keys;
  private final Duration ttl;

  /** @param ttl how long a status callback may still find its entry (Twilio's final status comes within hours) */
  public SentMessages(Redis redis, Keys keys, Duration ttl) {
    this.redis = redis;
    this.keys = keys;
    this.ttl = ttl;
  }

  public Future<Void> remember(List<String> providerIds, Sent sent) {
    String value = String.join("|", sent.kind().wire(), sent.entryId(), sent.survivorId(), sent.marks());
    List<Future<String>> writes = new ArrayList<>();
    for (String id : providerIds) {
      writes.add(redis.future(redis.commands().setex(key(id), ttl.toSeconds(), value)));
    }
    return Future.all(writes).mapEmpty();
  }

  /**
   * As {@link #remember}, only while the survivor is enrolled: a message sent while its survivor was being erased
   * (under way during the erasure) is forgotten again. Written first, then the survivor's hash is looked at, and if it
   * is gone the records are deleted: the erasure deletes the hash first and these records after, so whichever comes
   * last, no record naming an erased survivor stays.
   */
  public Future<Void> rememberWhileEnrolled(List<String> providerIds, Sent sent) {
    String session = keys.session(keys.partitionOf(sent.survivorId()), sent.survivorId());
    return remember(providerIds, sent)
        .compose(v -> redis.future(redis.commands().exists(session)))
        .compose(n -> n != null && n > 0 ? Future.<Void>succeededFuture()
            : redis.future(redis.commands().del(providerIds.stream().map(this::key).toArray(String[]::new))).mapEmpty());
  }

  /** What {@code providerId} carried, if it is still remembered; the record stays (see {@link #forget}). */
  public Future<Optional<Sent>> find(String providerId) {
    return redis.future(redis.commands().get(key(providerId)))
        .map(value -> value == null ? Optional.<Sent>empty() : parse(value));
  }

  /** Forgets {@code providerId}, once what its status asked for is committed. */
  public Future<Void> forget(String providerId) {
    return redis.future(redis.commands().del(key(providerId))).mapEmpty();
  }

  private static Optional<Sent> parse(String value) {
    String[] f = value.split("\\|", -1);
    if (f.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Sent(OutboxEntry.Kind.of(f[0]), f[1], f[2], f[3]));
    } catch (IllegalArgumentException unknownKind) {
      return Optional.empty(); // as unreadable as a record of the wrong shape
    }
  }

  private String key(String providerId) {
    return keys.inPartition(keys.partitionOf(providerId), "sent", providerId);
  }
}
