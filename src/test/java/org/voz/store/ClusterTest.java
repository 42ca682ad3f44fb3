package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import io.lettuce.core.cluster.SlotHash;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.dispatch.DispatchOptions;
import org.voz.dispatch.OutboxDispatcher;
import org.voz.testing.TestRedis;
import redis.embedded.RedisShardedCluster;

/** The same commit script and dispatcher on a real three-master Redis Cluster (embedded, ephemeral ports). */
@ExtendWith(VertxExtension.class)
class ClusterTest {

  private static RedisShardedCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    // Ephemeral ports are picked before the servers bind them (and each node also binds port + 10000 for
    // the cluster bus): on a busy machine another process can take one first. Try again with new ports.
    for (int attempt = 1; ; attempt++) {
      cluster = RedisShardedCluster.newRedisCluster()
          .ephemeral() // before shard(): each shard takes its port when added
          .shard("a", 0).shard("b", 0).shard("c", 0)
          .initializationTimeout(Duration.ofSeconds(20))
          .build();
      try {
        cluster.start();
        break;
      } catch (java.io.IOException e) {
        try {
          cluster.stop();
        } catch (Exception ignored) {
          // partly started: nothing more to stop
        }
        if (attempt == 3) {
          throw e;
        }
      }
    }
    awaitClusterOk();
  }

  /** The cluster answers CLUSTERDOWN until every node agrees on the slots: wait for that, on a slow machine too. */
  private static void awaitClusterOk() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int port : cluster.serverPorts()) {
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + port);
      try (var connection = client.connect()) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        org.voz.testing.Wait.polling().pollInterval(Duration.ofMillis(50)).atMost(left)
            .alias("the embedded cluster reaching cluster_state:ok")
            .until(() -> connection.sync().clusterInfo().contains("cluster_state:ok"));
      } finally {
        client.shutdown();
      }
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.stop();
    }
  }

  private static String clusterUrl() {
    return cluster.serverPorts().stream().map(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(",", "redis://", ""));
  }

  @Test
  @DisplayName("on a Cluster, commits of every partition apply, dedupe and conflict, and the dispatcher delivers them")
  void commitsAndDispatchOnCluster(Vertx vertx) {
    Redis redis = await(Redis.connect(vertx, clusterUrl()));
    assertThat(redis.url().cluster()).isTrue();
    Keys keys = TestRedis.keys(16);
    SessionStore store = new SessionStore(redis, keys, Duration.ofMinutes(5));
    assertThat(IntStream.range(0, 16).map(p -> SlotHash.getSlot(keys.outbox(p))).distinct().count())
        .isGreaterThan(1);

    List<String> survivors = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      String sid = survivorIn(keys, p);
      survivors.add(sid);
      OutboxEntry reply = OutboxEntry.of("o-" + p, OutboxEntry.Kind.REPLY, "sms", "to", "body");
      Commit first = new Commit(p, sid, 0, "b1", "m:" + p, List.of(reply), List.of("e1"));
      assertThat(await(store.commit(first))).isEqualTo(Commit.Result.COMMITTED);
      assertThat(await(store.commit(first))).isEqualTo(Commit.Result.DUPLICATE);
      Commit stale = new Commit(p, sid, 0, "b2", "m2:" + p, List.of(), List.of("e2"));
      assertThat(await(store.commit(stale))).isEqualTo(Commit.Result.CONFLICT);
      assertThat(await(store.load(p, sid))).isEqualTo(new Versioned(1, "b1"));
    }

    List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, entry -> {
      delivered.add(entry.id());
      return Future.succeededFuture();
    }, new DispatchOptions("c-" + UUID.randomUUID(), 10, Duration.ofMillis(50), Duration.ofSeconds(1), 3,
        Duration.ofMillis(20), Duration.ofMillis(100)));
    String id = await(vertx.deployVerticle(dispatcher));

    eventually(Duration.ofSeconds(10), () -> delivered.size() == 16);
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 16).mapToObj(p -> "o-" + p).toList());
    eventually(Duration.ofSeconds(10), () -> await(dispatcher.depth()) == 0);
    await(vertx.undeploy(id));
    await(redis.closeAsync());
  }

  private static String survivorIn(Keys keys, int p) {
    for (int i = 0; ; i++) {
      String sid = "s" + i;
      if (keys.partitionOf(sid) == p) {
        return sid;
      }
    }
  }
}
