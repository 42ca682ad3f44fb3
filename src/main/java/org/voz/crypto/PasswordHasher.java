package org.voz.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Staff passwords: PBKDF2-HMAC-SHA256 with a random 16-byte salt, at OWASP's figure for it (600,000
 * iterations). The iterations are kept in the hash, so raising them later still verifies old hashes. Format:
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}. Slow on purpose (about half a second): never call it on an
 * event loop.
 */
public final class PasswordHasher {

  public static final int OWASP_ITERATIONS = 600_000;
  private static final String SCHEME = "pbkdf2-sha256";

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("too few iterations");
    }
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  public boolean matches(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      return MessageDigest.isEqual(Base64.getDecoder().decode(parts[3]),
          derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1])));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
