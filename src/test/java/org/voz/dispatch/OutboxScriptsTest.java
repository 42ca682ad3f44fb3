package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.voz.store.Undelivered;
import org.voz.testing.TestRedis;

/**
 * The outbox's settling scripts against a real Redis: {@code sent.lua} and {@code dead.lua}, with what they keep for
 * the console (a message given up on, until one of its kind goes out) and what they must not write once the survivor
 * an entry is about has been erased.
 */
@ExtendWith(VertxExtension.class)
class OutboxScriptsTest {

  private static final int P = 1;

  private Redis redis;
  private Keys keys;
  private SessionStore store;
  private OutboxStreams streams;

  @BeforeEach
  void connect(Vertx vertx) {
    keys = TestRedis.keys(2);
    redis = await(TestRedis.connect(vertx));
    store = new SessionStore(redis, keys, Duration.ofMinutes(10));
    streams = new OutboxStreams(redis, keys, new DispatchOptions("scripts", 10, Duration.ofSeconds(1),
        Duration.ofSeconds(60), 5, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30)));
  }

  @AfterEach
  void close() {
    await(redis.closeAsync());
  }

  /** A survivor in partition {@link #P}, enrolled (their session hash exists) or not. */
  private String survivor(String name, boolean enrolled) {
    String id = name;
    for (int i = 0; keys.partitionOf(id) != P; i++) {
      id = name + "-" + i;
    }
    if (enrolled) {
      await(redis.future(redis.commands().hset(keys.session(P, id), "v", "1")));
    }
    return id;
  }

  /** Commits {@code entry} and reads it as an instance does: pending with this consumer. */
  private StreamMessage<String, String> pendingEntry(OutboxEntry entry) {
    assertThat(await(store.commit(new Commit(P, null, 0, null, null, List.of(entry), List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
    String outbox = keys.outbox(P);
    await(redis.future(redis.commands().xgroupCreate(StreamOffset.from(outbox, "0"), "dispatch",
        XGroupCreateArgs.Builder.mkstream())).recover(exists -> Future.succeededFuture()));
    List<StreamMessage<String, String>> read = await(redis.future(redis.commands().xreadgroup(
        Consumer.from("dispatch", "scripts"), XReadArgs.Builder.count(1), StreamOffset.lastConsumed(outbox))));
    assertThat(read).hasSize(1);
    return read.get(0);
  }

  private static OutboxEntry reply(String id, String survivor) {
    return OutboxEntry.of(id, OutboxEntry.Kind.REPLY, "sms", "sealed-to", "sealed-body").about(survivor);
  }

  private Map<String, Instant> undelivered(String survivor) {
    return await(new Undelivered(redis, keys).of(survivor));
  }

  private long exists(String key) {
    return await(redis.future(redis.commands().exists(key)));
  }

  @Test
  @DisplayName("a reply given up on is kept as undelivered from the first such one, until a reply to them goes out")
  void undeliveredUntilOneGoesOut() {
    String ana = survivor("s-ana", true);
    OutboxEntry first = reply("e1", ana);
    StreamMessage<String, String> m1 = pendingEntry(first);
    assertThat(await(streams.deadLetter(P, m1.getId(), first, "refused"))).isEqualTo(1L);
    OutboxEntry second = reply("e2", ana);
    StreamMessage<String, String> m2 = pendingEntry(second);
    assertThat(await(streams.deadLetter(P, m2.getId(), second, "refused"))).isEqualTo(1L);

    List<StreamMessage<String, String>> dead = await(redis.future(redis.commands().xrange(keys.dead(P),
        io.lettuce.core.Range.create("-", "+"))));
    assertThat(dead).hasSize(2);
    Instant firstDead = Instant.ofEpochMilli(Long.parseLong(dead.get(0).getId().split("-")[0]));
    assertThat(undelivered(ana)).containsExactly(Map.entry("reply", firstDead));
    assertThat(await(redis.future(redis.commands().pttl(keys.undelivered(P, ana)))))
        .isGreaterThan(Undelivered.KEPT.toMillis() - 60_000);

    // a note to their case manager going out makes good no reply
    OutboxEntry note = OutboxEntry.of("n1", OutboxEntry.Kind.STAFFNOTE, "sms", "sealed-to", "sealed-body").about(ana);
    assertThat(await(streams.sent(P, pendingEntry(note).getId(), note, "SM1", false))).isEqualTo(1L);
    assertThat(undelivered(ana)).containsOnlyKeys("reply");

    OutboxEntry third = reply("e3", ana);
    assertThat(await(streams.sent(P, pendingEntry(third).getId(), third, "SM2", false))).isEqualTo(1L);
    assertThat(undelivered(ana)).isEmpty();
    assertThat(await(redis.future(redis.commands().xlen(keys.outbox(P))))).isZero();
  }

  @Test
  @DisplayName("once the survivor is erased, neither a late confirmation nor a dead letter writes a key about them")
  void nothingWrittenAfterErasure() {
    String gone = survivor("s-gone", false);
    // confirmed after its copy was settled elsewhere (no longer pending): no sent marker
    OutboxEntry late = reply("e-late", gone);
    StreamMessage<String, String> m = pendingEntry(late);
    await(redis.future(redis.commands().xack(keys.outbox(P), "dispatch", m.getId())));
    assertThat(await(streams.sent(P, m.getId(), late, "SM3", false))).isZero();
    assertThat(exists(keys.sentMarker(P, late.id()))).isZero();
    // given up on: the dead letter is kept (it is sealed and names no one in clear), no undelivered hash
    OutboxEntry lost = reply("e-lost", gone);
    assertThat(await(streams.deadLetter(P, pendingEntry(lost).getId(), lost, "refused"))).isEqualTo(1L);
    assertThat(exists(keys.undelivered(P, gone))).isZero();

    // the same late confirmation for an enrolled survivor writes the marker its retry will find
    String ben = survivor("s-ben", true);
    OutboxEntry retried = reply("e-retried", ben);
    StreamMessage<String, String> r = pendingEntry(retried);
    await(redis.future(redis.commands().xack(keys.outbox(P), "dispatch", r.getId())));
    assertThat(await(streams.sent(P, r.getId(), retried, "SM4", false))).isZero();
    assertThat(await(redis.future(redis.commands().get(keys.sentMarker(P, retried.id()))))).isEqualTo("SM4");
    // and its retry's copy, settled from memory, takes the marker with it
    OutboxEntry copy = retried.retried();
    assertThat(await(streams.sent(P, pendingEntry(copy).getId(), copy, "SM4", true))).isEqualTo(1L);
    assertThat(exists(keys.sentMarker(P, retried.id()))).isZero();
  }
}
