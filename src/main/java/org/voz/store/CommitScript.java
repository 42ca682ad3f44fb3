package org.voz.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@link Commit} and turns it into the KEYS and ARGV of {@code commit.lua} (the contract is at the
 * top of the script). A commit that fails validation never reaches Redis.
 */
final class CommitScript {

  private static final LuaScript SCRIPT = LuaScript.resource(CommitScript.class, "commit.lua");

  private final Keys keys;
  private final long ttlSeconds;
  private final java.time.Clock clock;

  /**
   * @param clock the service's clock: an outbox entry whose {@code notBefore} is ahead of it goes straight into
   *              the partition's retry schedule, due that much later by Redis's clock (as a deferred delivery
   *              would), rather than into the stream to be read, found early and deferred
   */
  CommitScript(Keys keys, Duration dedupeTtl, java.time.Clock clock) {
    if (dedupeTtl == null || dedupeTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("dedupe TTL must be at least one second");
    }
    this.keys = keys;
    this.ttlSeconds = dedupeTtl.toSeconds();
    this.clock = clock;
  }

  Future<Commit.Outcome> run(Redis redis, Commit commit) {
    try {
      validate(commit);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return SCRIPT.<List<Object>>run(redis, ScriptOutputType.MULTI, keys(commit), args(commit))
        .map(CommitScript::outcome);
  }

  private static Commit.Outcome outcome(List<Object> reply) {
    Commit.Result result = Commit.Result.valueOf(String.valueOf(reply.get(0)));
    if (result != Commit.Result.CONFLICT) {
      return new Commit.Outcome(result, null);
    }
    return new Commit.Outcome(result, new Versioned(
        Long.parseLong(String.valueOf(reply.get(1))), emptyToNull(reply.get(2)), emptyToNull(reply.get(3)),
        reply.size() > 4 ? emptyToNull(reply.get(4)) : null));
  }

  private static String emptyToNull(Object value) {
    String s = value == null ? "" : String.valueOf(value);
    return s.isEmpty() ? null : s;
  }

  void validate(Commit c) {
    require(keys.isPartition(c.partition()), "partition out of range");
    require(c.dedupeId() == null || !c.dedupeId().isBlank(), "blank dedupe id");
    if (c.survivorId() == null) {
      require(c.sessionBlob() == null, "a session without a survivor");
      require(c.ledger().isEmpty(), "ledger events without a survivor");
      require(c.recordBlob() == null, "a record without a survivor");
      require(c.alerts().isEmpty(), "alerts without a survivor");
      require(c.survivorKey() == null, "a survivor key without a survivor");
    } else {
      require(!c.survivorId().isBlank(), "blank survivor id");
      require(keys.partitionOf(c.survivorId()) == c.partition(), "survivor is not in this partition");
      require(c.expectedVersion() >= 0, "negative expected version");
    }
    c.ledger().forEach(e -> require(!e.isEmpty(), "empty ledger event"));
    c.outbox().forEach(e -> {
      require(e.attempts() >= 0, "negative attempts");
      require(!e.id().isBlank(), "blank outbox id");
    });
  }

  String[] keys(Commit c) {
    List<String> k = new ArrayList<>(4);
    k.add(keys.outbox(c.partition()));
    if (c.dedupeId() != null) {
      k.add(keys.dedupe(c.partition(), c.dedupeId()));
    }
    if (c.survivorId() != null) {
      k.add(keys.session(c.partition(), c.survivorId()));
      k.add(keys.ledger(c.partition(), c.survivorId()));
    }
    if (!c.alerts().isEmpty()) {
      k.add(keys.alerts(c.partition()));
    }
    if (hasLater(c)) {
      k.add(keys.retry(c.partition()));
    }
    return k.toArray(String[]::new);
  }

  String[] args(Commit c) {
    long now = clock.millis();
    boolean later = hasLater(c);
    boolean session = c.survivorId() != null;
    List<String> a = new ArrayList<>();
    a.add(c.dedupeId() != null ? "1" : "0");
    a.add(Long.toString(ttlSeconds));
    a.add(session ? "1" : "0");
    a.add(Long.toString(session ? c.expectedVersion() : 0));
    a.add(session ? c.sessionBlob() : "");
    a.add(Integer.toString(c.ledger().size()));
    a.add(Integer.toString(c.outbox().size()));
    a.add(c.recordBlob() == null ? "" : c.recordBlob());
    a.add(Integer.toString(c.alerts().size()));
    a.add(later ? "1" : "0");
    a.add(c.survivorKey() == null ? "" : c.survivorKey());
    a.addAll(c.ledger());
    for (OutboxEntry entry : c.outbox()) {
      Map<String, String> fields = entry.toFields();
      a.add(Integer.toString(fields.size()));
      a.add(Long.toString(Math.max(0, entry.notBefore() - now)));
      fields.forEach((name, value) -> {
        a.add(name);
        a.add(value);
      });
    }
    c.alerts().forEach((id, sealed) -> {
      a.add(id);
      a.add(sealed);
    });
    return a.toArray(String[]::new);
  }

  /** Whether some outbox entry has a {@code notBefore}: then the retry schedule is the commit's last key. */
  private static boolean hasLater(Commit c) {
    return c.outbox().stream().anyMatch(e -> e.notBefore() > 0);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("malformed commit: " + what);
    }
  }
}
