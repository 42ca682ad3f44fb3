package org.voz.staff;

/**
 * How a staff member signs in to the console: a password hash (never the password) and the TOTP secret of
 * their authenticator app (base32). Kept sealed; the one-time recovery codes are kept apart, as hashes.
 */
public record Credentials(String passwordHash, String totpSecret) {

  public Credentials {
    if (passwordHash == null || passwordHash.isBlank() || totpSecret == null || totpSecret.isBlank()) {
      throw new IllegalArgumentException("a password hash and a TOTP secret are required");
    }
  }

  @Override
  public String toString() {
    return "Credentials[redacted]";
  }
}
