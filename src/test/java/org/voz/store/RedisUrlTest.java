package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

  @Test
  @DisplayName("redis:// with credentials and db is one standalone node; describe hides the password")
  void standalone() {
    RedisUrl url = RedisUrl.parse("redis://app:s3cret@cache.internal:6380/2");
    assertThat(url.kind()).isEqualTo(RedisUrl.Kind.STANDALONE);
    RedisURI node = url.nodes().get(0);
    assertThat(node.getHost()).isEqualTo("cache.internal");
    assertThat(node.getPort()).isEqualTo(6380);
    assertThat(node.getDatabase()).isEqualTo(2);
    assertThat(url.tls()).isFalse();
    assertThat(url.describe()).isEqualTo("standalone cache.internal:6380 db 2 user app with password")
        .doesNotContain("s3cret");
    assertThat(url.toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("rediss:// is TLS")
  void tls() {
    RedisUrl url = RedisUrl.parse("rediss://:pw@redis.example.org:6379");
    assertThat(url.kind()).isEqualTo(RedisUrl.Kind.STANDALONE);
    assertThat(url.tls()).isTrue();
    assertThat(url.describe()).endsWith("(TLS)").doesNotContain("pw@");
  }

  @Test
  @DisplayName("redis-sentinel:// with several sentinels and a master name")
  void sentinel() {
    RedisUrl url = RedisUrl.parse("redis-sentinel://secret@s1:26379,s2:26380/0#voz-master");
    assertThat(url.kind()).isEqualTo(RedisUrl.Kind.SENTINEL);
    RedisURI node = url.nodes().get(0);
    assertThat(node.getSentinelMasterId()).isEqualTo("voz-master");
    assertThat(node.getSentinels()).extracting(RedisURI::getHost).containsExactly("s1", "s2");
    assertThat(url.describe()).startsWith("sentinel master voz-master via s1:26379,s2:26380 db 0")
        .doesNotContain("secret");
  }

  @Test
  @DisplayName("a sentinel URL without a master name is refused")
  void sentinelNeedsMaster() {
    assertThatThrownBy(() -> RedisUrl.parse("redis-sentinel://s1:26379"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masterName");
  }

  @Test
  @DisplayName("comma-separated redis:// nodes are a Cluster, with or without the scheme repeated")
  void cluster() {
    RedisUrl full = RedisUrl.parse("redis://h1:7000,redis://h2:7001, redis://h3:7002");
    assertThat(full.kind()).isEqualTo(RedisUrl.Kind.CLUSTER);
    assertThat(full.nodes()).extracting(RedisURI::getHost).containsExactly("h1", "h2", "h3");
    assertThat(full.describe()).isEqualTo("cluster h1:7000,h2:7001,h3:7002");

    RedisUrl shorthand = RedisUrl.parse("rediss://:pw@h1:7000,h2:7001");
    assertThat(shorthand.cluster()).isTrue();
    assertThat(shorthand.nodes()).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    assertThat(shorthand.nodes()).allMatch(RedisURI::isSsl);
    assertThat(shorthand.nodes().get(1).getCredentialsProvider()).isNotNull();
    assertThat(shorthand.describe()).doesNotContain("pw");
  }

  @Test
  @DisplayName("bad URLs are refused without repeating the password")
  void refused() {
    assertThatThrownBy(() -> RedisUrl.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisUrl.parse("localhost:6379")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisUrl.parse("http://u:topsecret@h:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisUrl.parse("redis://h1:1,http://h2:2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
