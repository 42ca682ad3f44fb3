package org.voz.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Receipts")
class ReceiptsTest {

  @Test
  @DisplayName("are six characters of an alphabet without 0, O, 1 or I, and the same for the same change")
  void deterministic() {
    String r = Receipts.of("s-ana", "c1", 7, "revoked");
    assertThat(r).hasSize(6).matches("[2-9A-HJ-NP-Z]{6}");
    assertThat(Receipts.wellFormed(r)).isTrue();
    assertThat(Receipts.of("s-ana", "c1", 7, "revoked")).isEqualTo(r);
    assertThat(Receipts.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
  }

  @Test
  @DisplayName("differ by survivor, consent, turn and new status")
  void differ() {
    Set<String> all = new HashSet<>();
    for (String survivor : new String[] {"s-ana", "s-ben"}) {
      for (String consent : new String[] {"c1", "c2"}) {
        for (long turn = 1; turn <= 5; turn++) {
          for (String to : new String[] {"revoked", "granted", "declined"}) {
            all.add(Receipts.of(survivor, consent, turn, to));
          }
        }
      }
    }
    assertThat(all).hasSize(2 * 2 * 5 * 3);
  }

  @Test
  @DisplayName("are the first 30 bits of SHA-256(survivorId|consentId|turn|to)")
  void definition() {
    byte[] h = Receipts.sha256("s-ana|c1|7|revoked");
    long bits = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      expected.append(Receipts.ALPHABET.charAt((int) ((bits >>> (27 - 5 * i)) & 31)));
    }
    assertThat(Receipts.of("s-ana", "c1", 7, "revoked")).isEqualTo(expected.toString());
  }
}
