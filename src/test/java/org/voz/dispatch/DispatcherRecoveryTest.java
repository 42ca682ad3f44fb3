package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;
import static org.voz.testing.Wait.holdsFor;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.store.Commit;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.Redis;
import org.voz.store.SessionStore;
import org.voz.testing.TestRedis;

/**
 * Crash recovery (issue 17): what an instance had read and not settled when it stopped, or when its Redis
 * connection dropped, is delivered again by the same consumer name at once, not after {@code claimIdle}; once
 * each, in order; and an entry whose send was already confirmed is settled without sending it again.
 * {@code claimIdle} is a minute here, so only a re-read (never a takeover) can deliver within the waits below.
 */
@ExtendWith(VertxExtension.class)
class DispatcherRecoveryTest {

  /** Well under claimIdle (60 s): the entries must come from the instance's own re-read. */
  private static final Duration AT_ONCE = Duration.ofSeconds(8);

  private Vertx vertx;
  private Redis redis;
  private Keys keys;
  private SessionStore store;
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void connect(Vertx vertx) {
    this.vertx = vertx;
    keys = TestRedis.keys(2);
    redis = await(TestRedis.connect(vertx));
    store = new SessionStore(redis, keys, Duration.ofMinutes(10));
  }

  @AfterEach
  void close() {
    List<Future<Void>> undeployed = vertx.deploymentIDs().stream()
        .map(id -> vertx.undeploy(id).recover(gone -> Future.succeededFuture())).toList();
    await(Future.all(undeployed));
    await(redis.closeAsync());
  }

  /** Sweeps every {@code sweep}, takes over after a minute, 30 s delivery timeout. */
  private static DispatchOptions options(String consumer, Duration sweep) {
    return new DispatchOptions(consumer, 10, sweep, Duration.ofSeconds(60), 5, Duration.ofMillis(20),
        Duration.ofMillis(100), Duration.ofSeconds(30));
  }

  private void enqueue(int p, String survivor, String... ids) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (String id : ids) {
      entries.add(OutboxEntry.of(id, OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body").about(survivor));
    }
    assertThat(await(store.commit(new Commit(p, null, 0, null, null, entries, List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
  }

  /** Reads up to {@code count} new entries as {@code consumer}, as an instance does, and leaves them pending. */
  private List<StreamMessage<String, String>> readAs(String consumer, int p, int count) {
    String outbox = keys.outbox(p);
    await(redis.future(redis.commands().xgroupCreate(StreamOffset.from(outbox, "0"), "dispatch",
        XGroupCreateArgs.Builder.mkstream())).recover(exists -> Future.succeededFuture()));
    return await(redis.future(redis.commands().xreadgroup(Consumer.from("dispatch", consumer),
        XReadArgs.Builder.count(count), StreamOffset.lastConsumed(outbox))));
  }

  private long pending(int p) {
    return await(redis.future(redis.commands().xpending(keys.outbox(p), "dispatch"))).getCount();
  }

  private List<String> sentIds() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  @Test
  @DisplayName("a dispatcher stopped mid-delivery: a new one with the same consumer name delivers what it had read "
      + "at once, each once, in order per survivor")
  void restartWithTheSameNameDeliversAtOnce() {
    String consumer = "instance-" + UUID.randomUUID();
    enqueue(0, "s-a", "a0", "a1", "a2", "a3");
    enqueue(0, "s-b", "b0", "b1");
    // the first instance, in a Vert.x and a Redis connection of its own: a0 goes through; a1 and b0 never get an
    // answer from the provider, so the rest of each survivor's entries wait behind them, read and not settled
    Vertx first = Vertx.vertx();
    Redis firstRedis = await(Redis.connect(first, TestRedis.url()));
    List<String> firstSent = Collections.synchronizedList(new ArrayList<>());
    await(first.deployVerticle(new OutboxDispatcher(firstRedis, keys, entry -> {
      if (entry.id().equals("a0")) {
        firstSent.add(entry.id());
        return Future.succeededFuture();
      }
      return Promise.<Void>promise().future(); // hangs: the provider never answered
    }, options(consumer, Duration.ofMillis(50)))));
    eventually(AT_ONCE, () -> firstSent.contains("a0") && pending(0) == 5);

    // it dies (no ack, no retry scheduled, its timers gone with it)
    await(first.close());

    OutboxDispatcher second = new OutboxDispatcher(redis, keys, entry -> {
      sent.add(entry.id());
      return Future.succeededFuture();
    }, options(consumer, Duration.ofMillis(50)));
    await(vertx.deployVerticle(second));

    eventually(AT_ONCE, () -> sentIds().size() == 5 && pending(0) == 0);
    holdsFor(Duration.ofMillis(300), () -> sentIds().size() == 5);
    List<String> ids = sentIds();
    assertThat(ids.stream().filter(id -> id.startsWith("a"))).containsExactly("a1", "a2", "a3");
    assertThat(ids.stream().filter(id -> id.startsWith("b"))).containsExactly("b0", "b1");
    assertThat(firstSent).containsExactly("a0");
  }

  @Test
  @DisplayName("after its Redis connection drops and comes back, a dispatcher re-reads the entries pending with it "
      + "(a read whose answer was lost) and delivers them at once, in order")
  void reconnectRereadsPending() {
    String consumer = "instance-" + UUID.randomUUID();
    // a separate connection, so that dropping it leaves the test's own alone; sweeps only every 10 minutes, so
    // nothing but the reconnection can bring the entries
    Redis dispatcherRedis = await(TestRedis.connect(vertx));
    try {
      OutboxDispatcher dispatcher = new OutboxDispatcher(dispatcherRedis, keys, entry -> {
        sent.add(entry.id());
        return Future.succeededFuture();
      }, options(consumer, Duration.ofMinutes(10)));
      // z0 is there before it starts: once its first sweep has read and delivered z0, it has finished reading
      // (its own pending entries, then the new ones) and waits for the next sweep, ten minutes away; entries
      // written from now on are read by nobody but the test
      enqueue(0, "s-z", "z0");
      await(vertx.deployVerticle(dispatcher));
      eventually(AT_ONCE, () -> sentIds().equals(List.of("z0")) && pending(0) == 0);
      sent.clear();

      // the dispatcher's read took r0 and r1 just as the connection dropped: Redis has them pending with this
      // consumer, the dispatcher never got the answer
      enqueue(0, "s-r", "r0", "r1");
      assertThat(readAs(consumer, 0, 10)).hasSize(2);
      long id = await(dispatcherRedis.future(dispatcherRedis.commands().clientId()));
      await(redis.future(redis.commands().clientKill(io.lettuce.core.KillArgs.Builder.id(id))));

      eventually(AT_ONCE, () -> sentIds().size() == 2 && pending(0) == 0);
      assertThat(sentIds()).containsExactly("r0", "r1");
    } finally {
      await(dispatcherRedis.closeAsync());
    }
  }

  @Test
  @DisplayName("a pending entry whose send was already confirmed (its sent marker exists) is settled without a send; "
      + "the next one of its survivor is sent")
  void sentMarkerSettlesWithoutSending() {
    String consumer = "instance-" + UUID.randomUUID();
    enqueue(1, "s-m", "m0");
    assertThat(readAs(consumer, 1, 10)).hasSize(1);
    // the instance that read m0 had Twilio's answer and recorded it, then died before the ack
    await(redis.future(redis.commands().set(keys.inPartition(1, "confirmed", "m0"), "SM0123")));
    enqueue(1, "s-m", "m1");

    // claimIdle 200 ms here: whatever way m0 comes back (re-read, or taken over), it must not be sent again
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, entry -> {
      sent.add(entry.id());
      return Future.succeededFuture();
    }, new DispatchOptions(consumer, 10, Duration.ofMillis(50), Duration.ofMillis(200), 5, Duration.ofMillis(20),
        Duration.ofMillis(100), Duration.ofSeconds(5)));
    await(vertx.deployVerticle(dispatcher));

    eventually(AT_ONCE, () -> sentIds().contains("m1") && pending(1) == 0);
    holdsFor(Duration.ofMillis(600), () -> sentIds().equals(List.of("m1")));
    assertThat(await(redis.future(redis.commands().xlen(keys.outbox(1))))).isZero();
  }

  @Test
  @DisplayName("a send that succeeds after its delivery timed out is not sent again by the retry")
  void lateSuccessIsNotSentAgain() {
    String consumer = "instance-" + UUID.randomUUID();
    enqueue(0, "s-l", "l0");
    // the provider takes 1 s to accept l0; the delivery timeout is 200 ms, the retry comes 1.5-3 s after it
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, entry -> {
      sent.add(entry.id() + "@" + entry.attempts());
      Promise<Void> accepted = Promise.promise();
      if (entry.attempts() == 0) {
        vertx.setTimer(1000, t -> accepted.complete());
      } else {
        accepted.complete();
      }
      return accepted.future();
    }, new DispatchOptions(consumer, 10, Duration.ofMillis(50), Duration.ofSeconds(60), 5, Duration.ofMillis(3000),
        Duration.ofMillis(3000), Duration.ofMillis(200)));
    await(vertx.deployVerticle(dispatcher));

    eventually(AT_ONCE, () -> await(dispatcher.depth()) == 0 && pending(0) == 0);
    holdsFor(Duration.ofMillis(600), () -> sentIds().equals(List.of("l0@0")));
    assertThat(dispatcher.counters().retried()).isEqualTo(1);
    // the late confirmation found l0 in the retry schedule and left the sent marker for whoever read l0 next; the
    // retry, settled by it without a send, took it away (it holds the provider's message id: nothing needs it now)
    assertThat(await(redis.future(redis.commands().exists(keys.inPartition(0, "confirmed", "l0"))))).isZero();
  }

  @Test
  @DisplayName("an entry is settled at the provider's confirmation, though the rest of its delivery never ends: "
      + "neither retried nor sent again")
  void confirmationSettlesAtOnce() {
    String consumer = "instance-" + UUID.randomUUID();
    enqueue(1, "s-c", "c0", "c1");
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, new Delivery() {
      @Override
      public Future<Void> deliver(OutboxEntry entry) {
        throw new AssertionError("the dispatcher passes a confirmation");
      }

      @Override
      public Future<Void> deliver(OutboxEntry entry, Confirmation confirmed) {
        sent.add(entry.id());
        confirmed.sent(List.of("SM-" + entry.id()));
        // what comes after the send (recording it) hangs until the delivery timeout
        return entry.id().equals("c0") ? Promise.<Void>promise().future() : Future.succeededFuture();
      }
    }, new DispatchOptions(consumer, 10, Duration.ofMillis(50), Duration.ofSeconds(60), 5, Duration.ofMillis(20),
        Duration.ofMillis(100), Duration.ofMillis(500)));
    await(vertx.deployVerticle(dispatcher));

    eventually(AT_ONCE, () -> sentIds().contains("c0") && await(redis.future(redis.commands().xlen(keys.outbox(1)))) == 1);
    eventually(AT_ONCE, () -> sentIds().equals(List.of("c0", "c1")) && await(dispatcher.depth()) == 0);
    holdsFor(Duration.ofMillis(800), () -> sentIds().equals(List.of("c0", "c1")) && dispatcher.counters().retried() == 0);
    assertThat(dispatcher.counters().delivered()).isEqualTo(2);
  }
}
