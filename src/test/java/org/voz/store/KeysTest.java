package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeysTest {

  private final Keys keys = new Keys("voz", 1024);

  @Test
  @DisplayName("partitionOf is stable (CRC32 of UTF-8) and within range")
  void partitionOfIsStable() {
    assertThat(keys.partitionOf("s-7f3a")).isEqualTo(keys.partitionOf("s-7f3a"));
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update("ñandú".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(keys.partitionOf("ñandú")).isEqualTo((int) (crc.getValue() % 1024));
    assertThat(IntStream.range(0, 5000).map(i -> keys.partitionOf("id-" + i)))
        .allMatch(p -> p >= 0 && p < 1024);
    assertThat(IntStream.range(0, 5000).map(i -> keys.partitionOf("id-" + i)).distinct().count())
        .isGreaterThan(900);
  }

  @Test
  @DisplayName("named keys follow the documented layout")
  void layout() {
    assertThat(keys.session(3, "s1")).isEqualTo("voz:{3}:session:s1");
    assertThat(keys.ledger(3, "s1")).isEqualTo("voz:{3}:ledger:s1");
    assertThat(keys.outbox(3)).isEqualTo("voz:{3}:outbox");
    assertThat(keys.retry(3)).isEqualTo("voz:{3}:retry");
    assertThat(keys.dead(3)).isEqualTo("voz:{3}:dead");
    assertThat(keys.dedupe(3, "twilio:SM1")).isEqualTo("voz:{3}:dedupe:twilio:SM1");
    assertThat(keys.global("addr", "h")).isEqualTo("voz:addr:h");
  }

  @Test
  @DisplayName("a bad prefix or partition count is refused")
  void refusesBadLayout() {
    assertThatThrownBy(() -> new Keys("", 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keys("a{b", 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keys("voz", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
