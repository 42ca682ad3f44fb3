package org.voz.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Keyring and PIN hashes")
class KeyringTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());

  @Test
  @DisplayName("a sealed value opens to itself, differs each time, and hides the text")
  void sealRoundTrip() {
    String text = "+50255550147 ¿cómo estás? 😀";
    String a = keyring.seal(text);
    String b = keyring.seal(text);
    assertThat(a).isNotEqualTo(b).doesNotContain("5025555").startsWith("v1.");
    assertThat(keyring.open(a)).isEqualTo(text);
    assertThat(keyring.open(b)).isEqualTo(text);
  }

  @Test
  @DisplayName("an altered sealed value, or one sealed under another key, cannot be opened")
  void tamperDetected() {
    String sealed = keyring.seal("consent c1 revoked");
    char[] chars = sealed.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> keyring.open(new String(chars))).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> new Keyring(Keyring.newKey()).open(sealed)).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> keyring.open("plain")).isInstanceOf(Keyring.SealException.class);
  }

  @Test
  @DisplayName("address hashes are stable per key and channel, and differ across keys")
  void addressHashes() {
    assertThat(keyring.addressHash("sms", "+50255550147")).isEqualTo(keyring.addressHash("sms", "+50255550147"))
        .isNotEqualTo(keyring.addressHash("whatsapp", "+50255550147"))
        .isNotEqualTo(new Keyring(Keyring.newKey()).addressHash("sms", "+50255550147"))
        .doesNotContain("50255550147").hasSize(64);
  }

  @Test
  @DisplayName("the data key must be base64 of 32 bytes")
  void dataKeyFormat() {
    assertThat(Keyring.parseKey(Base64.getEncoder().encodeToString(new byte[32]))).hasSize(32);
    assertThatThrownBy(() -> Keyring.parseKey("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyring.parseKey(Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a PIN hash matches its PIN only, is salted, and needs the data key")
  void pinHashes() {
    PinHasher pins = new PinHasher(keyring, 1000);
    String hash = pins.hash("4821");
    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("4821");
    assertThat(pins.matches("4821", hash)).isTrue();
    assertThat(pins.matches("4822", hash)).isFalse();
    assertThat(pins.hash("4821")).isNotEqualTo(hash);
    assertThat(new PinHasher(new Keyring(Keyring.newKey()), 1000).matches("4821", hash)).isFalse();
    assertThat(pins.matches("4821", "garbage")).isFalse();
    assertThat(pins.matches(null, hash)).isFalse();
  }
}
