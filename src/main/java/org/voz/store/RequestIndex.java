package org.voz.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where file requests are: {@code voz:requesters} (set) holds every survivor who ever asked for a document,
 * for the staff list; {@code voz:{p}:requests:due} (sorted set per partition) holds survivors by the time
 * of their next due-date alert (epoch ms). Written before the commit that opens a request: an entry with
 * nothing behind it is harmless (the job re-indexes it), a request missing from the index would never be
 * alerted.
 */
public final class RequestIndex {

  private final Redis redis;
  private final Keys keys;
  private final DueIndex due;

  public RequestIndex(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
    this.due = new DueIndex(redis, keys, "requests", "due");
  }

  /** Lists {@code survivorId} as a requester, due for an alert at {@code nextAlert} ({@code null}: none). */
  public Future<Void> index(String survivorId, Instant nextAlert) {
    return due.schedule(survivorId, nextAlert == null ? null : nextAlert.toEpochMilli()).compose(v -> redis.future(redis.commands().sadd(keys.global("requesters"), survivorId))).mapEmpty();
  }

  /** Survivors with a due-date alert at or before {@code now}, over every partition. */
  public Future<List<String>> due(Instant now) {
    return due.dueAt(now.toEpochMilli());
  }

  /** Every survivor who asked for a document. */
  public Future<Set<String>> requesters() {
    return redis.future(redis.commands().smembers(keys.global("requesters")));
  }

  /** The survivors of a case manager's caseload. */
  public Future<Set<String>> caseload(String staffId) {
    return redis.future(redis.commands().smembers(keys.global("caseload", staffId)));
  }
}
