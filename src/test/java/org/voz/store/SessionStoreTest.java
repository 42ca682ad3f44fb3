package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voz.testing.TestRedis.await;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.testing.TestRedis;

@ExtendWith(VertxExtension.class)
class SessionStoreTest {

  private static final String SID = "s-7f3a";

  private Redis redis;
  private Keys keys;
  private SessionStore store;
  private int p;

  @BeforeEach
  void connect(Vertx vertx) {
    keys = TestRedis.keys();
    redis = await(TestRedis.connect(vertx));
    store = new SessionStore(redis, keys, Duration.ofMinutes(10));
    p = keys.partitionOf(SID);
  }

  @AfterEach
  void close() {
    await(redis.closeAsync());
  }

  private RedisClusterAsyncCommands<String, String> cmd() {
    return redis.commands();
  }

  private static OutboxEntry reply(String id) {
    return OutboxEntry.of(id, OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body");
  }

  private Commit turn(long expected, String blob, String dedupe) {
    return new Commit(p, SID, expected, blob, dedupe, List.of(reply("o-" + dedupe)), List.of("ev-" + dedupe));
  }

  @Test
  @DisplayName("an entry not before an hour from now goes straight into the retry schedule, due in an hour by Redis's clock; "
      + "one for now into the stream")
  void laterEntryIntoTheSchedule() {
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    SessionStore timed = new SessionStore(redis, keys, Duration.ofMinutes(10), clock);
    OutboxEntry later = OutboxEntry.of("o-later", OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body").withNotBefore(clock.millis() + 3_600_000);
    assertThat(await(timed.commit(new Commit(p, SID, 0, "blob-1", null, List.of(reply("o-now"), later), List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);

    var stream = await(redis.future(cmd().xrange(keys.outbox(p), io.lettuce.core.Range.create("-", "+"))));
    assertThat(stream).extracting(m -> m.getBody().get("id")).containsExactly("o-now");
    var scheduled = await(redis.future(cmd().zrangeWithScores(keys.retry(p), 0, -1)));
    assertThat(scheduled).hasSize(1);
    List<String> redisTime = await(redis.future(cmd().time()));
    long redisNow = Long.parseLong(redisTime.get(0)) * 1000 + Long.parseLong(redisTime.get(1)) / 1000;
    assertThat((long) scheduled.get(0).getScore()).isBetween(redisNow + 3_600_000 - 5_000, redisNow + 3_600_000);
    io.vertx.core.json.JsonArray pairs = new io.vertx.core.json.JsonArray(scheduled.get(0).getValue());
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      fields.put(pairs.getString(i), pairs.getString(i + 1));
    }
    assertThat(OutboxEntry.fromFields(fields)).as("what promote.lua moves back into the stream").isEqualTo(later);
  }

  @Test
  @DisplayName("load of a survivor without a session is NONE")
  void loadNone() {
    assertThat(await(store.load(p, SID))).isEqualTo(Versioned.NONE);
  }

  @Test
  @DisplayName("a commit writes session and version, ledger, outbox and dedupe key")
  void commitWritesEverything() {
    assertThat(await(store.commit(turn(0, "blob-1", "twilio:SM1")))).isEqualTo(Commit.Result.COMMITTED);

    assertThat(await(store.load(p, SID))).isEqualTo(new Versioned(1, "blob-1"));
    assertThat(await(store.ledger(p, SID))).containsExactly("ev-twilio:SM1");
    var outbox = await(redis.future(cmd().xrange(keys.outbox(p), io.lettuce.core.Range.create("-", "+"))));
    assertThat(outbox).hasSize(1);
    assertThat(OutboxEntry.fromFields(outbox.get(0).getBody())).isEqualTo(reply("o-twilio:SM1"));
    assertThat(await(redis.future(cmd().get(keys.dedupe(p, "twilio:SM1"))))).isEqualTo("1");
    long ttl = await(redis.future(cmd().ttl(keys.dedupe(p, "twilio:SM1"))));
    assertThat(ttl).isBetween(1L, 600L);

    assertThat(await(store.commit(turn(1, "blob-2", "twilio:SM2")))).isEqualTo(Commit.Result.COMMITTED);
    assertThat(await(store.load(p, SID))).isEqualTo(new Versioned(2, "blob-2"));
    assertThat(await(store.ledger(p, SID))).containsExactly("ev-twilio:SM1", "ev-twilio:SM2");
  }

  @Test
  @DisplayName("a duplicate provider id changes nothing")
  void duplicateChangesNothing() {
    await(store.commit(turn(0, "blob-1", "twilio:SM1")));

    assertThat(await(store.commit(turn(1, "blob-2", "twilio:SM1")))).isEqualTo(Commit.Result.DUPLICATE);

    assertThat(await(store.load(p, SID))).isEqualTo(new Versioned(1, "blob-1"));
    assertThat(await(store.ledger(p, SID))).hasSize(1);
    assertThat(await(redis.future(cmd().xlen(keys.outbox(p))))).isEqualTo(1L);
  }

  @Test
  @DisplayName("a stale expected version is a conflict and changes nothing")
  void conflictChangesNothing() {
    await(store.commit(turn(0, "blob-1", "twilio:SM1")));

    assertThat(await(store.commit(turn(0, "blob-x", "twilio:SM2")))).isEqualTo(Commit.Result.CONFLICT);

    assertThat(await(store.load(p, SID))).isEqualTo(new Versioned(1, "blob-1"));
    assertThat(await(store.ledger(p, SID))).hasSize(1);
    assertThat(await(redis.future(cmd().xlen(keys.outbox(p))))).isEqualTo(1L);
    assertThat(await(redis.future(cmd().exists(keys.dedupe(p, "twilio:SM2"))))).isZero();
  }

  @Test
  @DisplayName("an unknown sender's commit writes only the outbox and the dedupe key")
  void unknownSender() {
    Commit c = new Commit(3, null, 0, null, "telegram:42", List.of(reply("o1")), List.of());
    assertThat(await(store.commit(c))).isEqualTo(Commit.Result.COMMITTED);
    assertThat(await(store.commit(c))).isEqualTo(Commit.Result.DUPLICATE);

    assertThat(await(redis.future(cmd().xlen(keys.outbox(3))))).isEqualTo(1L);
    assertThat(await(redis.future(cmd().keys(keys.prefix() + ":*")))).containsExactlyInAnyOrder(
        keys.outbox(3), keys.dedupe(3, "telegram:42"));
  }

  @Test
  @DisplayName("concurrent commits for one survivor, each reloading on conflict, all apply exactly once")
  void concurrentCommits(Vertx vertx, VertxTestContext ctx) {
    int n = 25;
    List<Future<Integer>> turns = new ArrayList<>();
    vertx.runOnContext(v -> {
      IntStream.range(0, n).forEach(i -> turns.add(applyTurn("m" + i, 0)));
      Future.all(turns)
          .compose(done -> store.load(p, SID).compose(s -> store.ledger(p, SID).map(l -> List.of(s, l))))
          .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
            Versioned session = (Versioned) result.get(0);
            assertThat(session.version()).isEqualTo(n);
            assertThat(session.blob()).isEqualTo("turns=" + n);
            assertThat((List<?>) result.get(1)).hasSize(n);
            assertThat(turns.stream().mapToInt(Future::result).sum()).isGreaterThanOrEqualTo(n);
            ctx.completeNow();
          })));
    });
  }

  /** One engine turn: load, add one, commit; on conflict, again. Yields the attempts it took. */
  private Future<Integer> applyTurn(String providerId, int attempts) {
    return store.load(p, SID).compose(s -> {
      int count = s.blob() == null ? 0 : Integer.parseInt(s.blob().substring("turns=".length()));
      Commit c = new Commit(p, SID, s.version(), "turns=" + (count + 1), providerId, List.of(), List.of(providerId));
      return store.commit(c);
    }).compose(result -> switch (result) {
      case COMMITTED -> Future.succeededFuture(attempts + 1);
      case CONFLICT -> applyTurn(providerId, attempts + 1);
      case DUPLICATE -> Future.failedFuture("unexpected duplicate");
    });
  }

  @Test
  @DisplayName("a malformed commit fails before Redis and writes nothing")
  void malformedInJava() {
    List<Commit> bad = List.of(
        new Commit(-1, null, 0, null, "x:1", List.of(reply("o")), List.of()),
        new Commit(keys.partitions(), null, 0, null, "x:1", List.of(), List.of()),
        new Commit(p, SID, -1, "blob", "x:1", List.of(), List.of()),
        new Commit((p + 1) % keys.partitions(), SID, 0, "blob", "x:1", List.of(), List.of()),
        new Commit(p, " ", 0, "blob", "x:1", List.of(), List.of()),
        new Commit(p, null, 0, "blob", "x:1", List.of(), List.of()),
        new Commit(p, null, 0, null, "x:1", List.of(), List.of("event")),
        new Commit(p, SID, 0, "blob", " ", List.of(), List.of()),
        new Commit(p, SID, 0, "blob", "x:1", List.of(OutboxEntry.of("o", OutboxEntry.Kind.REPLY, "sms", "", "b").withAttempts(-1)), List.of()));
    for (Commit c : bad) {
      assertThatThrownBy(() -> await(store.commit(c)))
          .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
    assertThat(await(redis.future(cmd().keys(keys.prefix() + ":*")))).isEmpty();
  }

  @Test
  @DisplayName("the script checks everything before its first write: a wrong-typed ledger key writes nothing")
  void malformedInLua() {
    await(redis.future(cmd().set(keys.ledger(p, SID), "not a stream")));

    assertThatThrownBy(() -> await(store.commit(turn(0, "blob-1", "twilio:SM1"))))
        .hasMessageContaining("voz commit");

    assertThat(await(redis.future(cmd().keys(keys.prefix() + ":*")))).containsExactly(keys.ledger(p, SID));
  }

  @Test
  @DisplayName("a wrong-typed session key fails the commit before its first write too")
  void wrongTypedSession() {
    await(redis.future(cmd().set(keys.session(p, SID), "not a hash")));

    assertThatThrownBy(() -> await(store.commit(turn(0, "blob-1", "twilio:SM1")))).hasMessageContaining("WRONGTYPE");

    assertThat(await(redis.future(cmd().keys(keys.prefix() + ":*")))).containsExactly(keys.session(p, SID));
  }

  @Test
  @DisplayName("the script rejects a wrong arity, or an entry for later without the schedule, without writing")
  void badArity() {
    LuaScript script = LuaScript.resource(CommitScript.class, "commit.lua");
    String[] k = {keys.outbox(p)};
    assertThatThrownBy(() -> await(script.run(redis, io.lettuce.core.ScriptOutputType.VALUE, k,
        "0", "60", "0", "0", "", "0", "1", "", "0", "0", "", "3", "0", "id", "o1", "kind")))
        .hasMessageContaining("arity");
    assertThatThrownBy(() -> await(script.run(redis, io.lettuce.core.ScriptOutputType.VALUE, k,
        "0", "60", "0", "0", "", "0", "1", "", "0", "0", "", "1", "5000", "id", "o1")))
        .as("an entry for later without the retry schedule's key").hasMessageContaining("delay");
    assertThat(await(redis.future(cmd().exists(keys.outbox(p))))).isZero();
  }

  @Test
  @DisplayName("after SCRIPT FLUSH the commit still works: EVALSHA falls back to EVAL")
  void scriptFlushed() {
    await(store.commit(turn(0, "blob-1", "twilio:SM1")));
    await(redis.future(cmd().scriptFlush()));

    assertThat(await(store.commit(turn(1, "blob-2", "twilio:SM2")))).isEqualTo(Commit.Result.COMMITTED);
    assertThat(await(store.load(p, SID)).version()).isEqualTo(2);
  }

  @Test
  @DisplayName("every key of one commit hashes to one Cluster slot")
  void oneSlot() {
    CommitScript script = new CommitScript(keys, Duration.ofMinutes(1), java.time.Clock.systemUTC());
    Commit withEverything = new Commit(p, SID, 0, "b", "twilio:SM9",
        List.of(reply("o-now"), OutboxEntry.of("o-later", OutboxEntry.Kind.REPLY, "sms", "t", "b").withNotBefore(System.currentTimeMillis() + 60_000)),
        List.of("ev"), null, java.util.Map.of("a1", "sealed-alert"));
    String[] commitKeys = script.keys(withEverything);
    assertThat(commitKeys).as("outbox, dedupe, session, ledger, alerts, retry schedule").hasSize(6);
    int slot = SlotHash.getSlot(commitKeys[0]);
    for (String key : commitKeys) {
      assertThat(SlotHash.getSlot(key)).as(key).isEqualTo(slot);
    }
    assertThat(SlotHash.getSlot(keys.retry(p))).isEqualTo(slot);
    assertThat(SlotHash.getSlot(keys.dead(p))).isEqualTo(slot);
  }
}
