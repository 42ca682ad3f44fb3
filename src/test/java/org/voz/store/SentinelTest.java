package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.testing.TestRedis;
import redis.embedded.RedisCluster;

/** A redis-sentinel:// URL finds the master through a Sentinel (embedded master, replica and sentinel). */
@ExtendWith(VertxExtension.class)
class SentinelTest {

  private static RedisCluster group;

  @BeforeAll
  static void startGroup() throws Exception {
    group = RedisCluster.newRedisCluster()
        .ephemeral() // before replicationGroup(): ports are taken when the group is added
        .sentinelCount(1)
        .quorumSize(1)
        .replicationGroup("voz-master", 1)
        .build();
    group.start();
  }

  @AfterAll
  static void stopGroup() throws Exception {
    if (group != null) {
      group.stop();
    }
  }

  @Test
  @DisplayName("redis-sentinel:// connects to the master the Sentinel names, and the commit works there")
  void connectsThroughSentinel(Vertx vertx) {
    String url = "redis-sentinel://127.0.0.1:" + group.sentinelPorts().get(0) + "/0#voz-master";
    Redis redis = await(Redis.connect(vertx, url));
    assertThat(redis.url().kind()).isEqualTo(RedisUrl.Kind.SENTINEL);

    Keys keys = TestRedis.keys();
    SessionStore store = new SessionStore(redis, keys, Duration.ofMinutes(1));
    int p = keys.partitionOf("s1");
    Commit commit = new Commit(p, "s1", 0, "blob", "sms:1", List.of(), List.of("e"));
    assertThat(await(store.commit(commit))).isEqualTo(Commit.Result.COMMITTED);
    assertThat(await(store.load(p, "s1"))).isEqualTo(new Versioned(1, "blob"));
    await(redis.closeAsync());
  }
}
