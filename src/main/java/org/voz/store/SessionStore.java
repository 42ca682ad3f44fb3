package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** Sessions, ledgers and the atomic commit of one inbound message (see {@code commit.lua}). */
public final class SessionStore {

  private final Redis redis;
  private final Keys keys;
  private final CommitScript script;

  /** @param dedupeTtl how long a provider message id is remembered (a retried webhook within it changes nothing) */
  public SessionStore(Redis redis, Keys keys, Duration dedupeTtl) {
    this(redis, keys, dedupeTtl, java.time.Clock.systemUTC());
  }

  /** @param clock the service's clock, against which an outbox entry's {@code notBefore} is a delay */
  public SessionStore(Redis redis, Keys keys, Duration dedupeTtl, java.time.Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.script = new CommitScript(keys, dedupeTtl, clock);
  }

  /** The survivor's sealed session and record and their version ({@link Versioned#NONE} if none). */
  public Future<Versioned> load(int partition, String survivorId) {
    return redis.future(redis.commands().hmget(keys.session(partition, survivorId), "v", "blob", "record", "skey"))
        .map(values -> {
          String version = values.get(0).getValueOrElse(null);
          String record = values.get(2).getValueOrElse(null);
          if (version == null && record == null) {
            return Versioned.NONE;
          }
          return new Versioned(version == null ? 0 : Long.parseLong(version), values.get(1).getValueOrElse(null), record,
              values.get(3).getValueOrElse(null));
        });
  }

  /**
   * Writes everything of {@code commit} or nothing: checks the dedupe id and the session version, writes
   * the session with version+1, appends the ledger events and the outbox entries, sets the dedupe id.
   * A malformed commit fails the future with an {@link IllegalArgumentException} and writes nothing.
   */
  public Future<Commit.Result> commit(Commit commit) {
    return script.run(redis, commit).map(Commit.Outcome::result);
  }

  /** As {@link #commit}, and on a conflict the state that won, read in the same round trip. */
  public Future<Commit.Outcome> apply(Commit commit) {
    return script.run(redis, commit);
  }

  /** Whether a message with this provider id was already committed (within the dedupe TTL). */
  public Future<Boolean> committed(int partition, String dedupeId) {
    if (dedupeId == null) {
      return Future.succeededFuture(false);
    }
    return redis.future(redis.commands().exists(keys.dedupe(partition, dedupeId))).map(n -> n > 0);
  }

  /**
   * Whether an address no survivor has ({@code addressHash}, its keyed hash) may be answered now: true for the first
   * message in {@code quiet} ({@code voz:{p}:stranger:<hash>}, expiring on Redis's clock), false for those after it.
   */
  public Future<Boolean> strangerMayBeAnswered(int partition, String addressHash, Duration quiet) {
    if (quiet.isZero()) {
      return Future.succeededFuture(true);
    }
    return redis.future(redis.commands().set(keys.inPartition(partition, "stranger", addressHash), "1",
        io.lettuce.core.SetArgs.Builder.nx().px(quiet.toMillis()))).map("OK"::equals);
  }

  /** Gives the answer back (its commit failed): the next message of that address is answered. */
  public Future<Void> strangerNotAnswered(int partition, String addressHash) {
    return redis.future(redis.commands().del(keys.inPartition(partition, "stranger", addressHash))).mapEmpty();
  }

  /** The survivor's sealed ledger events, oldest first. */
  public Future<List<String>> ledger(int partition, String survivorId) {
    return redis.future(redis.commands().xrange(keys.ledger(partition, survivorId), Range.create("-", "+")))
        .map(messages -> messages.stream().map(SessionStore::event).toList());
  }

  private static String event(StreamMessage<String, String> message) {
    return message.getBody().get("event");
  }
}
