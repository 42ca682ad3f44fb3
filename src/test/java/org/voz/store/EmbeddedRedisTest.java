package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class EmbeddedRedisTest {

  @Test
  @DisplayName("embedded Redis keeps its data in the append-only file across a restart")
  void survivesRestart(Vertx vertx, @TempDir Path dir) {
    try (EmbeddedRedis first = EmbeddedRedis.start(dir)) {
      Redis redis = await(Redis.connect(vertx, first.url()));
      await(redis.future(redis.commands().set("kept", "yes")));
      await(redis.closeAsync());
    }
    assertThat(Files.exists(dir.resolve("appendonly.aof"))).isTrue();

    try (EmbeddedRedis second = EmbeddedRedis.start(dir)) {
      Redis redis = await(Redis.connect(vertx, second.url()));
      assertThat(await(redis.future(redis.commands().get("kept")))).isEqualTo("yes");
      await(redis.closeAsync());
    }
  }
}
