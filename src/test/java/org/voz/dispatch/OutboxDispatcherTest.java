package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import static org.voz.testing.Wait.holdsFor;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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

@ExtendWith(VertxExtension.class)
class OutboxDispatcherTest {

  private static final Duration SOON = Duration.ofSeconds(10);

  private Vertx vertx;
  private Redis redis;
  private Keys keys;
  private SessionStore store;
  private final List<OutboxEntry> attempts = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void connect(Vertx vertx) {
    this.vertx = vertx;
    keys = TestRedis.keys(4);
    redis = await(TestRedis.connect(vertx));
    store = new SessionStore(redis, keys, Duration.ofMinutes(10));
  }

  @AfterEach
  void close() {
    // a dispatcher's lanes are its children: undeployed with it, perhaps before their own turn here
    List<Future<Void>> undeployed = vertx.deploymentIDs().stream()
        .map(id -> vertx.undeploy(id).recover(gone -> Future.succeededFuture())).toList();
    await(Future.all(undeployed));
    await(redis.closeAsync());
  }

  private static DispatchOptions fast(int maxAttempts) {
    return new DispatchOptions("test-" + UUID.randomUUID(), 10, Duration.ofMillis(50), Duration.ofMillis(200),
        maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  private OutboxDispatcher deploy(Delivery delivery, DispatchOptions options) {
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, delivery, options);
    await(vertx.deployVerticle(dispatcher));
    return dispatcher;
  }

  private void enqueue(int p, String... ids) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (String id : ids) {
      entries.add(OutboxEntry.of(id, OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body"));
    }
    assertThat(await(store.commit(new Commit(p, null, 0, null, null, entries, List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
  }

  private List<String> attemptedIds() {
    synchronized (attempts) {
      return attempts.stream().map(OutboxEntry::id).toList();
    }
  }

  private Delivery recording(java.util.function.Function<OutboxEntry, Future<Void>> outcome) {
    return entry -> {
      attempts.add(entry);
      return outcome.apply(entry);
    };
  }

  private List<StreamMessage<String, String>> deadLetters(int p) {
    return await(redis.future(redis.commands().xrange(keys.dead(p), Range.create("-", "+"))));
  }

  @Test
  @DisplayName("entries for one destination are delivered in order, one at a time, partitions in parallel")
  void deliversInOrder() {
    Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    Delivery slowAndWatchful = recording(entry -> {
      String partition = entry.id().substring(0, 2);
      if (busy.computeIfAbsent(partition, k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      Promise<Void> done = Promise.promise();
      vertx.setTimer(1 + entry.id().hashCode() % 3 + 3, t -> {
        busy.get(partition).decrementAndGet();
        done.complete();
      });
      return done.future();
    });
    for (int batch = 0; batch < 3; batch++) {
      int b = batch;
      enqueue(1, IntStream.range(0, 8).mapToObj(i -> "p1-" + (b * 8 + i)).toArray(String[]::new));
      enqueue(2, IntStream.range(0, 8).mapToObj(i -> "p2-" + (b * 8 + i)).toArray(String[]::new));
    }
    OutboxDispatcher dispatcher = deploy(slowAndWatchful, fast(5));

    eventually(SOON, () -> dispatcher.counters().delivered() == 48);
    List<String> ids = attemptedIds();
    assertThat(ids.stream().filter(id -> id.startsWith("p1-")))
        .containsExactlyElementsOf(IntStream.range(0, 24).mapToObj(i -> "p1-" + i).toList());
    assertThat(ids.stream().filter(id -> id.startsWith("p2-")))
        .containsExactlyElementsOf(IntStream.range(0, 24).mapToObj(i -> "p2-" + i).toList());
    assertThat(overlaps).hasValue(0);
    eventually(SOON, () -> await(dispatcher.depth()) == 0);
  }

  @Test
  @DisplayName("in a partition, survivors are served in parallel (at most concurrency at once), each survivor's "
      + "entries and the alerts in order, one at a time")
  void survivorsInParallel() {
    int concurrency = 3;
    Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    AtomicInteger overlapsInOrder = new AtomicInteger();
    AtomicInteger underWay = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Delivery slowAndWatchful = recording(entry -> {
      String order = entry.survivor().isEmpty() ? entry.kind().wire() : entry.survivor();
      if (busy.computeIfAbsent(order, k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlapsInOrder.incrementAndGet();
      }
      mostAtOnce.accumulateAndGet(underWay.incrementAndGet(), Math::max);
      Promise<Void> done = Promise.promise();
      vertx.setTimer(5 + Math.floorMod(entry.id().hashCode(), 5), t -> {
        busy.get(order).decrementAndGet();
        underWay.decrementAndGet();
        done.complete();
      });
      return done.future();
    });
    List<String> survivors = List.of("s-a", "s-b", "s-c", "s-d", "s-e");
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (String survivor : survivors) {
        entries.add(OutboxEntry.of(survivor + "-" + i, OutboxEntry.Kind.REPLY, "sms", "sealed-" + i, "sealed-body").about(survivor));
      }
      entries.add(OutboxEntry.of("alert-" + i, OutboxEntry.Kind.ALERT, "webhook", "", "sealed-alert"));
    }
    assertThat(await(store.commit(new Commit(1, null, 0, null, null, entries, List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
    DispatchOptions options = new DispatchOptions("test-" + UUID.randomUUID(), 10, Duration.ofMillis(50),
        Duration.ofSeconds(20), 5, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5), concurrency);
    OutboxDispatcher dispatcher = deploy(slowAndWatchful, options);

    eventually(SOON, () -> dispatcher.counters().delivered() == entries.size());
    List<String> ids = attemptedIds();
    for (String order : List.of("s-a", "s-b", "s-c", "s-d", "s-e", "alert")) {
      assertThat(ids.stream().filter(id -> id.startsWith(order + "-")))
          .containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> order + "-" + i).toList());
    }
    assertThat(overlapsInOrder).hasValue(0);
    assertThat(mostAtOnce.get()).isEqualTo(concurrency);
    eventually(SOON, () -> await(dispatcher.depth()) == 0);
  }

  /** Four entries about one survivor, the first of which is delivered slowly (after {@code firstTakes}). */
  private Delivery slowFirst(Duration firstTakes) {
    return recording(entry -> {
      if (!entry.id().equals("x-0")) {
        return Future.succeededFuture();
      }
      Promise<Void> done = Promise.promise();
      vertx.setTimer(firstTakes.toMillis(), t -> done.complete());
      return done.future();
    });
  }

  private void enqueueAboutOneSurvivor(int p) {
    List<OutboxEntry> entries = IntStream.range(0, 4)
        .mapToObj(i -> OutboxEntry.of("x-" + i, OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body").about("s-x")).toList();
    assertThat(await(store.commit(new Commit(p, null, 0, null, null, entries, List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
  }

  @Test
  @DisplayName("entries waiting behind a slow one of their survivor are not delivered twice when a claim brings them again")
  void claimOfWaitingEntriesDeliversOnce() {
    enqueueAboutOneSurvivor(1);
    // claimIdle 200 ms: the waiting entries look abandoned long before the first one is done
    OutboxDispatcher dispatcher = deploy(slowFirst(Duration.ofMillis(1200)), fast(5));

    eventually(SOON, () -> dispatcher.counters().delivered() == 4);
    assertThat(attemptedIds()).containsExactly("x-0", "x-1", "x-2", "x-3");
    assertThat(await(redis.future(redis.commands().xpending(keys.outbox(1), "dispatch"))).getCount()).isZero();
  }

  @Test
  @DisplayName("an entry another instance took over while it waited behind its survivor's slow one is left to it")
  void entryTakenOverIsLeftToTheOtherInstance() throws Exception {
    String outbox = keys.outbox(2);
    enqueueAboutOneSurvivor(2);
    // claimIdle 2 s: an entry that waited 1 s or more renews its claim before it is delivered
    DispatchOptions options = new DispatchOptions("test-" + UUID.randomUUID(), 10, Duration.ofMillis(50),
        Duration.ofSeconds(2), 5, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5), 8);
    OutboxDispatcher dispatcher = deploy(slowFirst(Duration.ofMillis(1500)), options);
    eventually(SOON, () -> attemptedIds().contains("x-0"));
    List<String> waiting = await(redis.future(redis.commands().xrange(outbox, Range.create("-", "+")))).stream()
        .filter(m -> !m.getBody().get("id").equals("x-0")).map(StreamMessage::getId).toList();
    // another instance takes x-2 over (as it would once it looked abandoned) and delivers it: acknowledged, deleted
    Consumer<String> other = Consumer.from("dispatch", "other-instance");
    assertThat(await(redis.future(redis.commands().xclaim(outbox, other, 0, waiting.get(1))))).hasSize(1);
    await(redis.future(redis.commands().xack(outbox, "dispatch", waiting.get(1))));
    await(redis.future(redis.commands().xdel(outbox, waiting.get(1))));

    eventually(SOON, () -> dispatcher.counters().delivered() == 3);
    // x-2 is the other instance's: it may not be attempted here, over several sweeps (50 ms each) either
    holdsFor(Duration.ofMillis(200), () -> attemptedIds().equals(List.of("x-0", "x-1", "x-3")));
    assertThat(attemptedIds()).containsExactly("x-0", "x-1", "x-3");
    assertThat(await(redis.future(redis.commands().xpending(outbox, "dispatch"))).getCount()).isZero();
  }

  @Test
  @DisplayName("partitions are spread over lanes, each on its own event loop")
  void lanesOnTheirOwnEventLoops() {
    Map<String, String> threadOf = new ConcurrentHashMap<>();
    Delivery watching = recording(entry -> {
      threadOf.put(entry.id(), Thread.currentThread().getName());
      return Future.succeededFuture();
    });
    enqueue(0, "p0-a");
    enqueue(1, "p1-a");
    enqueue(2, "p2-a");
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, watching, fast(5), 2);
    await(vertx.deployVerticle(dispatcher));

    eventually(SOON, () -> dispatcher.counters().delivered() == 3);
    assertThat(threadOf.get("p0-a")).startsWith("vert.x-eventloop-thread-").isEqualTo(threadOf.get("p2-a"));
    assertThat(threadOf.get("p1-a")).startsWith("vert.x-eventloop-thread-").isNotEqualTo(threadOf.get("p0-a"));
  }

  @Test
  @DisplayName("a retry after an attempt whose outcome is unknown asks the provider first (deliverAgain, from before that "
      + "attempt); a retry after a refusal, and a first attempt, do not")
  void unsureRetryAsksFirst() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    java.util.Map<String, java.time.Instant> since = new java.util.concurrent.ConcurrentHashMap<>();
    long before = System.currentTimeMillis();
    Delivery delivery = new Delivery() {
      @Override
      public Future<Void> deliver(OutboxEntry entry) {
        calls.add(entry.id() + ":send:" + entry.attempts());
        return outcome(entry);
      }

      @Override
      public Future<Void> deliverAgain(OutboxEntry entry, Confirmation confirmed, java.time.Instant from) {
        calls.add(entry.id() + ":again:" + entry.attempts());
        since.put(entry.id() + entry.attempts(), from);
        return outcome(entry);
      }

      private Future<Void> outcome(OutboxEntry entry) {
        if (entry.attempts() > 0) {
          return Future.succeededFuture();
        }
        return Future.failedFuture(entry.id().equals("unsure") ? DeliveryException.unsure("no answer")
            : DeliveryException.transientFailure("answered 503"));
      }
    };
    enqueue(0, "unsure");
    enqueue(1, "refused");
    OutboxDispatcher dispatcher = deploy(delivery, fast(5));

    eventually(SOON, () -> dispatcher.counters().delivered() == 2);
    assertThat(calls).containsExactlyInAnyOrder("unsure:send:0", "unsure:again:1", "refused:send:0", "refused:send:1");
    // reaches back before the first attempt, which began after the entry was committed
    assertThat(since.get("unsure1")).isBefore(java.time.Instant.ofEpochMilli(before));
  }

  @Test
  @DisplayName("a transient failure is retried later with attempts counted, then succeeds")
  void transientThenSuccess() {
    Delivery flaky = recording(entry -> entry.attempts() < 2
        ? Future.failedFuture(DeliveryException.transientFailure("twilio 503"))
        : Future.succeededFuture());
    enqueue(0, "a");
    OutboxDispatcher dispatcher = deploy(flaky, fast(5));

    eventually(SOON, () -> dispatcher.counters().delivered() == 1);
    assertThat(attempts).extracting(OutboxEntry::attempts).containsExactly(0, 1, 2);
    assertThat(attempts).allMatch(e -> e.id().equals("a") && e.body().equals("sealed-body"));
    assertThat(dispatcher.counters().retried()).isEqualTo(2);
    assertThat(dispatcher.counters().deadLettered()).isZero();
    eventually(SOON, () -> await(dispatcher.depth()) == 0);
  }

  @Test
  @DisplayName("a permanent failure is dead-lettered at once, with its reason")
  void permanentIsDeadLettered() {
    Delivery refused = recording(entry -> Future.failedFuture(DeliveryException.permanentFailure("twilio 400 21211")));
    enqueue(3, "b");
    OutboxDispatcher dispatcher = deploy(refused, fast(5));

    eventually(SOON, () -> dispatcher.counters().deadLettered() == 1);
    assertThat(attemptedIds()).containsExactly("b");
    Map<String, String> dead = deadLetters(3).get(0).getBody();
    assertThat(dead).containsEntry("id", "b").containsEntry("reason", "twilio 400 21211")
        .containsEntry("attempts", "1").containsKey("streamId");
    assertThat(await(dispatcher.depth())).isZero();
    assertThat(await(dispatcher.deadLetters())).isEqualTo(1);
  }

  @Test
  @DisplayName("an entry failing maxAttempts times is dead-lettered")
  void maxAttemptsDeadLetters() {
    Delivery down = recording(entry -> Future.failedFuture(new IllegalStateException("connection reset")));
    enqueue(0, "c");
    OutboxDispatcher dispatcher = deploy(down, fast(3));

    eventually(SOON, () -> dispatcher.counters().deadLettered() == 1);
    assertThat(attempts).extracting(OutboxEntry::attempts).containsExactly(0, 1, 2);
    assertThat(deadLetters(0).get(0).getBody())
        .containsEntry("attempts", "3").containsEntry("reason", "IllegalStateException");
    assertThat(await(dispatcher.depth())).isZero();
  }

  @Test
  @DisplayName("entries left pending by a dead consumer are claimed and delivered")
  void claimsFromDeadConsumer() {
    String outbox = keys.outbox(2);
    await(redis.future(redis.commands().xgroupCreate(StreamOffset.from(outbox, "0"), "dispatch",
        XGroupCreateArgs.Builder.mkstream())));
    enqueue(2, "d1", "d2");
    List<StreamMessage<String, String>> taken = await(redis.future(redis.commands().xreadgroup(
        Consumer.from("dispatch", "ghost"), XReadArgs.Builder.count(10), StreamOffset.lastConsumed(outbox))));
    assertThat(taken).hasSize(2);

    OutboxDispatcher dispatcher = deploy(recording(entry -> Future.succeededFuture()), fast(5));

    eventually(SOON, () -> dispatcher.counters().delivered() == 2);
    assertThat(attemptedIds()).containsExactly("d1", "d2");
    assertThat(await(redis.future(redis.commands().xpending(outbox, "dispatch"))).getCount()).isZero();
  }

  @Test
  @DisplayName("poke delivers at once, long before the next sweep")
  void pokeIsPrompt() {
    DispatchOptions slowSweep = new DispatchOptions("test-" + UUID.randomUUID(), 10, Duration.ofMinutes(10),
        Duration.ofMinutes(10), 5, Duration.ofMillis(20), Duration.ofMillis(100));
    OutboxDispatcher dispatcher = deploy(recording(entry -> Future.succeededFuture()), slowSweep);
    enqueue(1, "e");
    dispatcher.poke(1);

    eventually(Duration.ofSeconds(5), () -> dispatcher.counters().delivered() == 1);
    assertThat(attemptedIds()).containsExactly("e");
  }

  @Test
  @DisplayName("depth counts the streams and the retry schedule over every partition")
  void depthCounts() {
    Delivery laterForR = recording(entry -> entry.id().startsWith("r")
        ? Future.failedFuture(new DeliveryException("429", false, Duration.ofHours(1)))
        : Future.succeededFuture());
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, laterForR, fast(5));
    enqueue(0, "r1", "ok1");
    enqueue(3, "ok2");
    assertThat(await(dispatcher.depth())).isEqualTo(3);

    await(vertx.deployVerticle(dispatcher));

    eventually(SOON, () -> dispatcher.counters().delivered() == 2 && dispatcher.counters().retried() == 1);
    assertThat(await(dispatcher.depth())).isEqualTo(1);
    assertThat(await(redis.future(redis.commands().zcard(keys.retry(0))))).isEqualTo(1);
  }

  @Test
  @DisplayName("a malformed stream entry is dead-lettered without a delivery")
  void malformedEntry() {
    await(redis.future(redis.commands().xadd(keys.outbox(1), Map.of("id", "x"))));
    OutboxDispatcher dispatcher = deploy(recording(entry -> Future.succeededFuture()), fast(5));

    eventually(SOON, () -> dispatcher.counters().deadLettered() == 1);
    assertThat(attempts).isEmpty();
    assertThat(deadLetters(1).get(0).getBody()).containsEntry("reason", "malformed outbox entry");
  }
}
