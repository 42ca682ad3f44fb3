package org.voz.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.store.Redis;
import org.voz.testing.TestRedis;

@ExtendWith(VertxExtension.class)
@DisplayName("SharedRateBook: the earliest slot free under every rate, booked in Redis for all instances")
class SharedRateBookTest {

  private static final long MS = 1_000_000;

  @Test
  @DisplayName("a busy chat waits its per-chat rate; another chat only the overall rate; a full queue books nothing")
  void schedules(Vertx vertx) throws Exception {
    Redis redis = await(TestRedis.connect(vertx));
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    SharedRateBook book = new SharedRateBook(redis, prefix, address -> "h" + address);
    RateLimiter overall = new RateLimiter("all", 2); // 500 ms
    RateLimiter perChat = new RateLimiter("chat", 0.2); // 5 s (long, so that a slow machine cannot outrun it)

    await(book.reserve(uses(overall, perChat, "A"), 20_000 * MS));
    await(book.reserve(uses(overall, perChat, "A"), 20_000 * MS));
    await(book.reserve(uses(overall, perChat, "B"), 20_000 * MS));
    List<Long> chatA = starts(redis, prefix + ":{rl}:chat:hA");
    List<Long> all = starts(redis, prefix + ":{rl}:all:all");
    assertThat(chatA).hasSize(2);
    assertThat(chatA.get(1) - chatA.get(0)).as("the chat's next slot, 5 s on (µs)").isEqualTo(5_000_000);
    long b = starts(redis, prefix + ":{rl}:chat:hB").get(0);
    assertThat(all).containsExactly(chatA.get(0), b, chatA.get(1));
    assertThat(b - chatA.get(0)).as("another chat waits the overall rate only, not the busy chat").isGreaterThanOrEqualTo(500_000);

    long refused = await(book.reserve(uses(overall, perChat, "A"), 1000 * MS));
    assertThat(refused).as("A's third would wait past the limit: refused, minus the wait").isLessThan(-1000 * MS);
    assertThat(starts(redis, prefix + ":{rl}:chat:hA")).as("nothing booked by the refused one").hasSize(2);
    long wait = await(book.reserve(uses(overall, perChat, "A"), 20_000 * MS));
    assertThat(wait).isPositive();
    assertThat(starts(redis, prefix + ":{rl}:chat:hA").get(2) - chatA.get(1)).isEqualTo(5_000_000);
  }

  /** The booked slots' starts (µs of Redis's clock), in order. */
  private static List<Long> starts(Redis redis, String key) {
    return await(redis.future(redis.commands().zrange(key, 0, -1))).stream()
        .map(member -> Long.parseLong(member.substring(0, member.indexOf(':'))))
        .sorted()
        .toList();
  }

  private static List<RateLimiter.Use> uses(RateLimiter overall, RateLimiter perChat, String chat) {
    return List.of(new RateLimiter.Use(overall, "", 1), new RateLimiter.Use(perChat, chat, 1));
  }
}
