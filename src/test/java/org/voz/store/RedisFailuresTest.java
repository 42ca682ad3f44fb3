package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redis failures worth waiting for: loading, failing over, a connection gone; not an error or a timeout")
class RedisFailuresTest {

  @Test
  @DisplayName("LOADING, READONLY, MASTERDOWN, TRYAGAIN, BUSY, CLUSTERDOWN and lost connections are for now")
  void forNow() {
    assertThat(Redis.unavailableForNow(new RedisLoadingException("LOADING Redis is loading the dataset in memory")))
        .isTrue();
    for (String reply : new String[] {"READONLY You can't write against a read only replica.",
        "MASTERDOWN Link with MASTER is down", "TRYAGAIN Multiple keys request during rehashing of slot",
        "BUSY Redis is busy running a script", "CLUSTERDOWN The cluster is down"}) {
      assertThat(Redis.unavailableForNow(new RedisCommandExecutionException(reply))).as(reply).isTrue();
    }
    // as the Vert.x future carries them: wrapped
    assertThat(Redis.unavailableForNow(new CompletionException(new SocketException("Connection reset")))).isTrue();
    assertThat(Redis.unavailableForNow(new RedisConnectionException("Unable to connect to 127.0.0.1:6379"))).isTrue();
    assertThat(Redis.unavailableForNow(new RedisException("Connection closed"))).isTrue();
  }

  @Test
  @DisplayName("a script's error, a wrong type and a timeout are not: running again would not help, or took the time")
  void notForNow() {
    assertThat(Redis.unavailableForNow(new RedisCommandExecutionException("ERR voz commit: keys"))).isFalse();
    assertThat(Redis.unavailableForNow(new RedisCommandExecutionException(
        "WRONGTYPE Operation against a key holding the wrong kind of value"))).isFalse();
    assertThat(Redis.unavailableForNow(new RedisCommandTimeoutException("Command timed out after 10 second(s)")))
        .isFalse();
    assertThat(Redis.unavailableForNow(new IllegalStateException("no"))).isFalse();
  }
}
