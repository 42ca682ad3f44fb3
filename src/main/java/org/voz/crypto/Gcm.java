package org.voz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit IV, as every sealed value uses it: {@code base64(iv | ciphertext | tag)}
 * without padding. One Cipher per thread (looking one up and keying it cost more than sealing a short value).
 */
final class Gcm {

  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(Gcm::newCipher);

  private Gcm() {}

  /** {@code aad} may be null (the first format, {@code v1.}, had none). */
  static String seal(SecretKeySpec key, String aad, String plaintext) {
    try {
      byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      if (aad != null) {
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = Arrays.copyOf(iv, IV_BYTES + cipher.getOutputSize(plain.length));
      cipher.doFinal(plain, 0, plain.length, out, IV_BYTES);
      return Base64.getEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens what {@link #seal} made of {@code base64}; null if it does not open (altered, another key or place). */
  static String open(SecretKeySpec key, String aad, String base64) {
    try {
      byte[] raw = Base64.getDecoder().decode(base64);
      if (raw.length < IV_BYTES + TAG_BITS / 8) {
        return null;
      }
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      if (aad != null) {
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      }
      return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return null;
    }
  }

  static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
