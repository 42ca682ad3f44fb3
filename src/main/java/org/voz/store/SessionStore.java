package org.voz.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Sessions and the atomic commit of one inbound message. STUB: the store work replaces the body; the
 * public signatures here are what the shell calls.
 */
public final class SessionStore {

  /** @param dedupeTtl how long a provider message id is remembered (a retried webhook within it changes nothing) */
  public SessionStore(Redis redis, Keys keys, Duration dedupeTtl) {}

  /** The survivor's sealed session and its version ({@link Versioned#NONE} if none). */
  public Future<Versioned> load(int partition, String survivorId) {
    throw new UnsupportedOperationException("stub");
  }

  /**
   * Writes everything of {@code commit} or nothing: checks the dedupe id and the session version, writes
   * the session with version+1, appends the ledger events and the outbox entries, sets the dedupe id.
   */
  public Future<Commit.Result> commit(Commit commit) {
    throw new UnsupportedOperationException("stub");
  }
}
