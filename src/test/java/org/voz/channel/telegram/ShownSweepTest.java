package org.voz.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.store.ShownMessages;
import org.voz.testing.TestRedis;

/**
 * The sweep of quiet Telegram chats waits for each survivor's own idle timeout: a high-risk survivor's chat is
 * cleared after their five minutes, not after the conversation's fifteen.
 */
@ExtendWith(VertxExtension.class)
class ShownSweepTest {

  private static final Instant SHOWN_AT = Instant.parse("2026-12-07T10:00:00Z");

  private Redis redis;
  private ShownMessages shown;
  private final AtomicReference<Instant> now = new AtomicReference<>(SHOWN_AT);
  private final List<String> forgotten = new ArrayList<>();

  @BeforeEach
  void connect(Vertx vertx) {
    Keys keys = TestRedis.keys();
    redis = await(TestRedis.connect(vertx));
    shown = new ShownMessages(redis, keys, new Keyring(Keyring.newKey()));
  }

  @AfterEach
  void close() {
    await(redis.closeAsync());
  }

  private ShownSweep sweep(Map<String, Duration> idle) {
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    return new ShownSweep(shown, survivor -> {
      forgotten.add(survivor);
      return shown.of(survivor).compose(all -> shown.forgotten(survivor, all)).map(v -> 1);
    }, clock, Duration.ofMinutes(5), survivor -> Future.succeededFuture(idle.get(survivor)), Duration.ofMinutes(1));
  }

  @Test
  @DisplayName("a high-risk chat is swept after five quiet minutes, a low-risk one only after fifteen")
  void eachSurvivorsOwnIdle() {
    String high = "s-high-" + System.nanoTime();
    String low = "s-low-" + System.nanoTime();
    await(shown.record(high, "chat-h", List.of("10", "11"), SHOWN_AT));
    await(shown.record(low, "chat-l", List.of("20"), SHOWN_AT));
    ShownSweep sweep = sweep(Map.of(high, Duration.ofMinutes(5), low, Duration.ofMinutes(15)));

    now.set(SHOWN_AT.plus(Duration.ofMinutes(4)));
    assertThat(await(sweep.run())).isZero();
    assertThat(forgotten).isEmpty();

    now.set(SHOWN_AT.plus(Duration.ofMinutes(6)));
    assertThat(await(sweep.run())).isEqualTo(1);
    assertThat(forgotten).containsExactly(high);
    assertThat(await(shown.of(high))).isEmpty();
    assertThat(await(shown.of(low))).hasSize(1);

    now.set(SHOWN_AT.plus(Duration.ofMinutes(14)));
    assertThat(await(sweep.run())).isZero();
    now.set(SHOWN_AT.plus(Duration.ofMinutes(16)));
    assertThat(await(sweep.run())).isEqualTo(1);
    assertThat(forgotten).containsExactly(high, low);
  }
}
