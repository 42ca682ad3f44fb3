package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;
import static org.voz.testing.TestRedis.eventually;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.voz.store.Commit;
import org.voz.store.EmbeddedRedis;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.Redis;
import org.voz.store.SessionStore;
import org.voz.testing.TestRedis;

/** Its own Redis, stopped and restarted under a running dispatcher. */
@ExtendWith(VertxExtension.class)
class DispatcherOutageTest {

  @Test
  @DisplayName("the dispatcher survives a Redis restart and then delivers what was written after it")
  void survivesRedisRestart(Vertx vertx, @TempDir Path dir) {
    EmbeddedRedis server = EmbeddedRedis.start(dir);
    Redis redis = await(Redis.connect(vertx, server.url()));
    Keys keys = TestRedis.keys(2);
    SessionStore store = new SessionStore(redis, keys, Duration.ofMinutes(1));
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, entry -> {
      delivered.add(entry.id());
      return Future.succeededFuture();
    }, new DispatchOptions("outage", 10, Duration.ofMillis(50), Duration.ofMillis(500), 3,
        Duration.ofMillis(20), Duration.ofMillis(100)));
    String deployment = await(vertx.deployVerticle(dispatcher));
    try {
      enqueue(store, "before");
      eventually(Duration.ofSeconds(10), () -> delivered.contains("before"));

      server.stop();
      eventually(Duration.ofSeconds(10), () -> !redis.connected());
      server = EmbeddedRedis.start(dir, server.port());
      eventually(Duration.ofSeconds(30), redis::connected);

      enqueue(store, "after");
      dispatcher.poke(0);
      eventually(Duration.ofSeconds(10), () -> delivered.contains("after"));
      assertThat(delivered).containsExactly("before", "after");
    } finally {
      await(vertx.undeploy(deployment));
      await(redis.closeAsync());
      server.stop();
    }
  }

  private static void enqueue(SessionStore store, String id) {
    OutboxEntry entry = OutboxEntry.of(id, OutboxEntry.Kind.ALERT, "webhook", "", "sealed");
    assertThat(await(store.commit(new Commit(0, null, 0, null, null, List.of(entry), List.of()))))
        .isEqualTo(Commit.Result.COMMITTED);
  }
}
