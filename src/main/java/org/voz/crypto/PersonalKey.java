package org.voz.crypto;

import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * A survivor's own key (AES-256, random), for crypto-shredding: their record, session and ledger are sealed under
 * it ({@code p1.<base64(iv | ciphertext | tag)>}, the place bound as associated data like every sealed value), and
 * it is stored only wrapped by the data key, beside them. Erasing the survivor deletes the wrapped key: any copy of
 * what it sealed (a backup, a replica) can then never be opened, whoever holds the data key.
 */
public final class PersonalKey implements Sealer {

  private static final String PREFIX = "p1.";

  private final SecretKeySpec key;
  private final byte[] raw;

  private PersonalKey(byte[] raw) {
    if (raw.length != 32) {
      throw new Keyring.SealException("a survivor key must be 32 bytes");
    }
    this.raw = raw.clone();
    this.key = new SecretKeySpec(this.raw, "AES");
  }

  /** A new random key. */
  public static PersonalKey generate() {
    return new PersonalKey(Gcm.random(32));
  }

  static PersonalKey decode(String base64) {
    try {
      return new PersonalKey(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new Keyring.SealException("not a survivor key");
    }
  }

  String encoded() {
    return Base64.getEncoder().encodeToString(raw);
  }

  @Override
  public String seal(String aad, String plaintext) {
    return PREFIX + Gcm.seal(key, aad, plaintext);
  }

  @Override
  public String open(String aad, String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new Keyring.SealException("not sealed under a survivor key");
    }
    String plain = Gcm.open(key, aad, sealed.substring(PREFIX.length()));
    if (plain == null) {
      throw new Keyring.SealException("sealed value altered, sealed for another place, or under another survivor's key");
    }
    return plain;
  }

  /** Whether {@code value} was sealed under a survivor key (of whichever survivor). */
  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonalKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "PersonalKey[redacted]";
  }
}
