package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.testing.TestRedis;

@ExtendWith(VertxExtension.class)
class RedisConnectTest {

  @Test
  @DisplayName("connect answers PING and calls back on the caller's context")
  void connects(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      var context = vertx.getOrCreateContext();
      Redis.connect(vertx, TestRedis.url())
          .compose(redis -> redis.ping().map(ok -> {
            ctx.verify(() -> {
              assertThat(ok).isTrue();
              assertThat(vertx.getOrCreateContext()).isSameAs(context);
            });
            return redis;
          }))
          .compose(Redis::closeAsync)
          .onComplete(ctx.succeedingThenComplete());
    });
  }

  @Test
  @DisplayName("connect to a port where nothing listens fails")
  void deadPortFails(Vertx vertx, VertxTestContext ctx) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Redis.connect(vertx, "redis://:hunter2@127.0.0.1:" + port)
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).hasMessageContaining("cannot connect to Redis").hasMessageNotContaining("hunter2");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("connect with a malformed URL fails the future")
  void malformedFails(Vertx vertx, VertxTestContext ctx) {
    Redis.connect(vertx, "nonsense").onComplete(ctx.failingThenComplete());
  }
}
