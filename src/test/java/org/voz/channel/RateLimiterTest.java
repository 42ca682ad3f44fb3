package org.voz.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RateLimiter: booked slots, the earliest start free under every limit")
class RateLimiterTest {

  private static final long MS = 1_000_000;

  @Test
  @DisplayName("one key: sends start one interval apart; a send of n permits holds n intervals")
  void spacing() {
    RateLimiter limiter = new RateLimiter(10); // 100 ms
    assertThat(reserve(limiter, "k", 1, 0)).isEqualTo(0);
    assertThat(reserve(limiter, "k", 3, 0)).isEqualTo(100 * MS);
    assertThat(reserve(limiter, "k", 1, 0)).isEqualTo(400 * MS);
    assertThat(reserve(limiter, "other", 1, 0)).isEqualTo(0);
    assertThat(reserve(limiter, "k", 1, 1000 * MS)).isEqualTo(0); // all past: forgotten
  }

  @Test
  @DisplayName("a busy chat's future slots hold up no other chat under the overall rate")
  void noHeadOfLineBlocking() {
    RateLimiter overall = new RateLimiter(20); // 50 ms
    RateLimiter perChat = new RateLimiter(5); // 200 ms
    long[] busy = new long[4];
    for (int i = 0; i < 4; i++) {
      busy[i] = both(overall, perChat, "busy", 0);
    }
    assertThat(busy).containsExactly(0, 200 * MS, 400 * MS, 600 * MS);
    long[] others = new long[3];
    for (int i = 0; i < 3; i++) {
      others[i] = both(overall, perChat, "chat" + i, 0);
    }
    assertThat(others).containsExactly(50 * MS, 100 * MS, 150 * MS);
  }

  @Test
  @DisplayName("a wait beyond the limit books nothing and says how long it would have been")
  void tooLong() {
    RateLimiter limiter = new RateLimiter(1);
    assertThat(RateLimiter.reserve(List.of(new RateLimiter.Use(limiter, "k", 1)), 0, 500 * MS)).isZero();
    assertThat(RateLimiter.reserve(List.of(new RateLimiter.Use(limiter, "k", 1)), 0, 500 * MS)).isEqualTo(-1000 * MS);
    assertThat(RateLimiter.reserve(List.of(new RateLimiter.Use(limiter, "k", 1)), 0, 2000 * MS)).isEqualTo(1000 * MS);
    assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static long reserve(RateLimiter limiter, String key, int permits, long now) {
    return RateLimiter.reserve(List.of(new RateLimiter.Use(limiter, key, permits)), now, Long.MAX_VALUE);
  }

  private static long both(RateLimiter overall, RateLimiter perChat, String chat, long now) {
    return RateLimiter.reserve(List.of(new RateLimiter.Use(overall, "", 1), new RateLimiter.Use(perChat, chat, 1)),
        now, Long.MAX_VALUE);
  }
}
