package org.voz.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything derived from the data key: sealing values at rest (AES-256-GCM), keyed hashes of channel
 * addresses (HMAC-SHA256), and the PIN pepper. Each use gets its own subkey, so a leaked address hash
 * says nothing about the sealing key.
 */
public final class Keyring {

  private static final String SEAL_PREFIX = "v1.";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec sealKey;
  private final byte[] addressKey;
  private final byte[] pinPepper;
  private final SecureRandom random = new SecureRandom();
  // a Cipher and a Mac per thread: looking them up in the providers and keying them cost more than the
  // AES-GCM of a short value; a fresh random IV is still drawn for every seal
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Keyring::newCipher);
  private final ThreadLocal<Mac> addressMacs;

  public Keyring(byte[] dataKey) {
    if (dataKey == null || dataKey.length != 32) {
      throw new IllegalArgumentException("the data key must be 32 bytes");
    }
    this.sealKey = new SecretKeySpec(derive(dataKey, "voz/seal/v1"), "AES");
    this.addressKey = derive(dataKey, "voz/address/v1");
    this.addressMacs = ThreadLocal.withInitial(() -> newMac(addressKey));
    this.pinPepper = derive(dataKey, "voz/pin-pepper/v1");
  }

  /** Parses base64 of 32 bytes (the VOZ_DATA_KEY format). */
  public static byte[] parseKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the data key is not valid base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("the data key must be base64 of 32 bytes, got " + key.length);
    }
    return key;
  }

  public static byte[] newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Encrypts and authenticates {@code plaintext}: {@code v1.<base64(iv | ciphertext | tag)>}. */
  public String seal(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
      return SEAL_PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Decrypts a value made by {@link #seal}; throws {@link SealException} if it was altered or sealed with another key. */
  public String open(String sealed) {
    if (sealed == null || !sealed.startsWith(SEAL_PREFIX)) {
      throw new SealException("not a sealed value");
    }
    try {
      byte[] raw = Base64.getDecoder().decode(sealed.substring(SEAL_PREFIX.length()));
      if (raw.length < IV_BYTES + TAG_BITS / 8) {
        throw new SealException("sealed value too short");
      }
      Cipher cipher = ciphers.get();
      cipher.init(
          Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(raw, IV_BYTES)));
      byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new SealException("sealed value cannot be opened with this data key");
    }
  }

  /**
   * The keyed hash that indexes a channel address, e.g. {@code addressHash("sms", "+50255550147")}.
   * Deterministic, so the same address always finds the same survivor; useless without the data key.
   */
  public String addressHash(String channel, String address) {
    return HexFormat.of().formatHex(addressMacs.get().doFinal((channel + ":" + address).getBytes(StandardCharsets.UTF_8)));
  }

  byte[] pepper(String pin) {
    return hmac(pinPepper, pin);
  }

  private static byte[] derive(byte[] key, String purpose) {
    return hmac(key, purpose);
  }

  static byte[] hmac(byte[] key, String message) {
    return newMac(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** A sealed value that cannot be opened: altered, truncated, or sealed under another data key. */
  public static final class SealException extends RuntimeException {
    public SealException(String message) {
      super(message);
    }
  }
}
