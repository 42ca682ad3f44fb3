package org.voz.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("TOTP (RFC 6238), base32 (RFC 4648) and password hashes")
class TotpTest {

  /** The RFC's SHA-1 seed: the ASCII of "12345678901234567890". */
  private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T = {0}: {1}")
  @CsvSource({
      "59, 94287082",
      "1111111109, 07081804",
      "1111111111, 14050471",
      "1234567890, 89005924",
      "2000000000, 69279037",
      "20000000000, 65353130"})
  @DisplayName("the RFC 6238 appendix B test vectors (SHA-1, 8 digits)")
  void rfcVectors(long time, String expected) {
    assertThat(Totp.code(SEED, Totp.step(time), 8)).isEqualTo(expected);
  }

  @Test
  @DisplayName("six digits are the last six of the eight; a code matches one step either side, not two")
  void sixDigitsAndWindow() {
    long step = Totp.step(1111111109);
    assertThat(Totp.code(SEED, step)).isEqualTo("081804");
    assertThat(Totp.matchingStep(SEED, "081804", step)).isEqualTo(step);
    assertThat(Totp.matchingStep(SEED, "081804", step + 1)).isEqualTo(step);
    assertThat(Totp.matchingStep(SEED, "081804", step - 1)).isEqualTo(step);
    assertThat(Totp.matchingStep(SEED, "081804", step + 2)).isEqualTo(-1);
    assertThat(Totp.matchingStep(SEED, "08180", step)).isEqualTo(-1);
    assertThat(Totp.matchingStep(SEED, null, step)).isEqualTo(-1);
  }

  @Test
  @DisplayName("base32: the RFC 4648 vectors, and back; case, spaces and padding ignored; other characters refused")
  void base32() {
    assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Base32.encode("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXQ");
    assertThat(Base32.encode(SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SEED);
    assertThat(Base32.decode("MZXQ====")).isEqualTo("fo".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Base32.decode("MZX1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("password hashes: salted (two hashes differ), verified, the iterations kept in the hash")
  void passwords() {
    PasswordHasher hasher = new PasswordHasher(1000);
    String one = hasher.hash("correct horse battery");
    assertThat(one).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(hasher.hash("correct horse battery"));
    assertThat(hasher.matches("correct horse battery", one)).isTrue();
    assertThat(hasher.matches("correct horse batterY", one)).isFalse();
    assertThat(new PasswordHasher(2000).matches("correct horse battery", one)).isTrue();
    assertThat(hasher.matches("x", "garbage")).isFalse();
  }

  @Test
  @DisplayName("the otpauth URI names issuer, account, secret and the parameters apps must use")
  void uri() {
    assertThat(Totp.uri("Voz", "cm-ana", "MZXW6YTBOI"))
        .isEqualTo("otpauth://totp/Voz:cm-ana?secret=MZXW6YTBOI&issuer=Voz&algorithm=SHA1&digits=6&period=30");
  }
}
