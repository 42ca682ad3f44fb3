package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.crypto.Keyring;
import org.voz.testing.TestRedis;

/** Documents and shown messages are written with their expiry in one step: never kept without a TTL. */
@ExtendWith(VertxExtension.class)
class ExpiringWritesTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());
  private Redis redis;
  private Keys keys;

  @BeforeEach
  void connect(Vertx vertx) {
    keys = TestRedis.keys();
    redis = await(TestRedis.connect(vertx));
  }

  @AfterEach
  void close() {
    await(redis.closeAsync());
  }

  @Test
  @DisplayName("a stored document has its lifetime as TTL and opens to the same bytes")
  void document() {
    DocumentStore documents = new DocumentStore(redis, keys, keyring);
    String survivor = "s-doc-" + System.nanoTime();
    String id = DocumentStore.newDocumentId();
    byte[] pdf = "%PDF-1.7 hello".getBytes(StandardCharsets.ISO_8859_1);
    await(documents.store(survivor, id, documents.seal(id, pdf), Duration.ofDays(14)));
    long ttl = await(redis.future(redis.commands().pttl(keys.inPartition(keys.partitionOf(survivor), "doc", id))));
    assertThat(ttl).isBetween(Duration.ofDays(14).toMillis() - 60_000, Duration.ofDays(14).toMillis());
    assertThat(documents.open(id, await(documents.load(survivor, id)).orElseThrow())).isEqualTo(pdf);
  }

  @Test
  @DisplayName("recorded shown messages expire after KEEP and are indexed for the sweep")
  void shown() {
    ShownMessages shown = new ShownMessages(redis, keys, keyring);
    String survivor = "s-shown-" + System.nanoTime();
    Instant at = Instant.parse("2026-11-23T10:00:00Z");
    await(shown.record(survivor, "chat-1", List.of("10", "11"), at));
    int p = keys.partitionOf(survivor);
    long ttl = await(redis.future(redis.commands().pttl(keys.inPartition(p, "shown", survivor))));
    assertThat(ttl).isBetween(ShownMessages.KEEP.toMillis() - 60_000, ShownMessages.KEEP.toMillis());
    assertThat(await(shown.of(survivor))).extracting(ShownMessages.Shown::messageId).containsExactly("10", "11");
    assertThat(await(shown.of(survivor))).extracting(ShownMessages.Shown::chatId).containsOnly("chat-1");
    assertThat(await(shown.quietSince(at.plusSeconds(1)))).contains(new ShownMessages.Quiet(survivor, at));
  }
}
