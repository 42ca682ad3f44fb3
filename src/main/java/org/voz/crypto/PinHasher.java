package org.voz.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PIN hashes: PBKDF2-HMAC-SHA256 over the PIN peppered with a subkey of the data key, with a random
 * salt. A 4-digit PIN has only 10,000 values, so the pepper is what makes a stolen hash useless; the
 * iterations make each guess slow. Format: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}.
 * Slow on purpose: call it off the event loop.
 */
public final class PinHasher {

  private static final String SCHEME = "pbkdf2-sha256";
  private final Keyring keyring;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PinHasher(Keyring keyring, int iterations) {
    this.keyring = keyring;
    this.iterations = iterations;
  }

  public String hash(String pin) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(pin, salt, iterations));
  }

  public boolean matches(String pin, String stored) {
    if (pin == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(pin, salt, storedIterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] derive(String pin, byte[] salt, int rounds) {
    char[] peppered = Base64.getEncoder().encodeToString(keyring.pepper(pin)).toCharArray();
    try {
      PBEKeySpec spec = new PBEKeySpec(peppered, salt, rounds, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 unavailable", e);
    }
  }
}
