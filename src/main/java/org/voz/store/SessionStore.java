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
    this.redis = redis;
    this.keys = keys;
    this.script = new CommitScript(keys, dedupeTtl);
  }

  /** The survivor's sealed session and its version ({@link Versioned#NONE} if none). */
  public Future<Versioned> load(int partition, String survivorId) {
    return redis.future(redis.commands().hmget(keys.session(partition, survivorId), "v", "blob"))
        .map(values -> {
          String version = values.get(0).getValueOrElse(null);
          return version == null
              ? Versioned.NONE
              : new Versioned(Long.parseLong(version), values.get(1).getValueOrElse(null));
        });
  }

  /**
   * Writes everything of {@code commit} or nothing: checks the dedupe id and the session version, writes
   * the session with version+1, appends the ledger events and the outbox entries, sets the dedupe id.
   * A malformed commit fails the future with an {@link IllegalArgumentException} and writes nothing.
   */
  public Future<Commit.Result> commit(Commit commit) {
    return script.run(redis, commit);
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
