package org.voz.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Keyring and PIN hashes")
class KeyringTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());

  @Test
  @DisplayName("a sealed value opens to itself, differs each time, hides the text and carries the key id")
  void sealRoundTrip() {
    String text = "+50255550147 ¿cómo estás? 😀";
    String a = keyring.seal("record/s1", text);
    String b = keyring.seal("record/s1", text);
    assertThat(a).isNotEqualTo(b).doesNotContain("5025555").startsWith("v2." + keyring.currentKeyId() + ".");
    assertThat(keyring.currentKeyId()).matches("[0-9a-f]{8}");
    assertThat(keyring.open("record/s1", a)).isEqualTo(text);
    assertThat(keyring.open("record/s1", b)).isEqualTo(text);
  }

  @Test
  @DisplayName("an altered sealed value, one sealed under another key, or not sealed, cannot be opened")
  void tamperDetected() {
    String sealed = keyring.seal("ledger/s1", "consent c1 revoked");
    char[] chars = sealed.toCharArray();
    chars[20] = chars[20] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> keyring.open("ledger/s1", new String(chars))).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> new Keyring(Keyring.newKey()).open("ledger/s1", sealed)).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> keyring.open("ledger/s1", "plain")).isInstanceOf(Keyring.SealException.class);
  }

  @Test
  @DisplayName("a sealed value is bound to its place: copied to another one (another member, survivor, token) it does not open")
  void boundToItsPlace() {
    String admin = keyring.seal("staff/ad-1", "{\"id\":\"ad-1\",\"role\":\"admin\"}");
    assertThat(keyring.open("staff/ad-1", admin)).contains("admin");
    assertThatThrownBy(() -> keyring.open("staff/cm-eve", admin)).isInstanceOf(Keyring.SealException.class);
    String record = keyring.seal("record/s1", "{}");
    assertThatThrownBy(() -> keyring.open("record/s2", record)).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> keyring.open("session/s1", record)).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> keyring.seal("", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("values of the first format (v1., no key id, no place) are still read, under any readable key")
  void readsTheFirstFormat() throws Exception {
    byte[] old = Keyring.newKey();
    String v1 = LegacySeal.v1(old, "+50255550147");
    assertThat(new Keyring(old).open("record/any", v1)).isEqualTo("+50255550147");
    Keyring rotated = new Keyring(Keyring.newKey(), List.of(old));
    assertThat(rotated.open("record/any", v1)).isEqualTo("+50255550147");
    assertThat(rotated.isStale(v1)).isTrue();
    assertThatThrownBy(() -> new Keyring(Keyring.newKey()).open("record/any", v1)).isInstanceOf(Keyring.SealException.class);
  }

  @Test
  @DisplayName("a rotation: the new key seals, the previous one still opens and finds what it made; dropped, it opens nothing")
  void previousKeys() {
    byte[] oldKey = Keyring.newKey();
    byte[] newKey = Keyring.newKey();
    Keyring before = new Keyring(oldKey);
    Keyring during = new Keyring(newKey, List.of(oldKey));
    Keyring after = new Keyring(newKey);
    String sealedBefore = before.seal("session/s1", "old");
    assertThat(during.open("session/s1", sealedBefore)).isEqualTo("old");
    assertThat(during.isStale(sealedBefore)).isTrue();
    String sealedDuring = during.seal("session/s1", "new");
    assertThat(Keyring.keyIdOf(sealedDuring)).isEqualTo(Keyring.keyId(newKey)).isNotEqualTo(Keyring.keyId(oldKey));
    assertThat(during.isStale(sealedDuring)).isFalse();
    assertThat(after.open("session/s1", sealedDuring)).isEqualTo("new");
    assertThatThrownBy(() -> after.open("session/s1", sealedBefore)).isInstanceOf(Keyring.SealException.class)
        .hasMessageContaining("does not have");
    assertThat(during.addressHashes("sms", "+50255550147"))
        .containsExactly(after.addressHash("sms", "+50255550147"), before.addressHash("sms", "+50255550147"));
    assertThat(during.addressHash("sms", "+50255550147")).isEqualTo(after.addressHash("sms", "+50255550147"));
    assertThat(during.tokenIndexes("ab")).containsExactly(after.tokenIndex("ab"), before.tokenIndex("ab"));
    assertThat(during.keyIds()).containsExactly(Keyring.keyId(newKey), Keyring.keyId(oldKey));
  }

  @Test
  @DisplayName("the PIN pepper and marker key kept in Redis outlive a rotation: a PIN hashed before still matches")
  void storedSecretsOutliveRotation() {
    byte[] oldKey = Keyring.newKey();
    Keyring before = new Keyring(oldKey);
    byte[][] secrets = before.storedSecrets();
    String pinHash = new PinHasher(before, 1000).hash("4821");
    String marker = before.markerHash("feedback", "c1\ns1");
    Keyring rotated = new Keyring(Keyring.newKey()).withStoredSecrets(secrets[0], secrets[1]);
    assertThat(new PinHasher(rotated, 1000).matches("4821", pinHash)).isTrue();
    assertThat(rotated.markerHash("feedback", "c1\ns1")).isEqualTo(marker);
    assertThat(marker).isEqualTo(before.addressHash("feedback", "c1\ns1")).as("markers written before stay valid");
  }

  @Test
  @DisplayName("a survivor's own key: wrapped by the data key for its place, seals p1. values only it opens")
  void personalKeys() {
    PersonalKey key = PersonalKey.generate();
    String wrapped = keyring.wrap("survivor-key/s1", key);
    assertThat(keyring.unwrap("survivor-key/s1", wrapped)).isEqualTo(key);
    assertThatThrownBy(() -> keyring.unwrap("survivor-key/s2", wrapped)).isInstanceOf(Keyring.SealException.class);
    String sealed = key.seal("record/s1", "Ana");
    assertThat(sealed).startsWith("p1.").doesNotContain("Ana");
    assertThat(PersonalKey.isSealed(sealed)).isTrue();
    assertThat(key.open("record/s1", sealed)).isEqualTo("Ana");
    assertThatThrownBy(() -> PersonalKey.generate().open("record/s1", sealed)).isInstanceOf(Keyring.SealException.class);
    assertThatThrownBy(() -> key.open("record/s2", sealed)).isInstanceOf(Keyring.SealException.class);
    assertThat(key.toString()).doesNotContain(wrapped);
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
