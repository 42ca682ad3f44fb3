package org.voz.staff;

/**
 * How a staff member signs in to the console: a password hash (never the password) and the TOTP secret of
 * their authenticator app (base32), or no secret while an admin's second-factor reset waits for them to enrol a
 * new one (then they cannot sign in with a password). Kept sealed; the one-time recovery codes are kept apart,
 * as hashes.
 */
public record Credentials(String passwordHash, String totpSecret) {

  public Credentials {
    if (passwordHash == null || passwordHash.isBlank()) {
      throw new IllegalArgumentException("a password hash is required");
    }
    if (totpSecret != null && totpSecret.isBlank()) {
      throw new IllegalArgumentException("a TOTP secret is base32 text or absent");
    }
  }

  /** Whether a second factor is enrolled (false after a reset, until the member enrols a new one). */
  public boolean hasSecondFactor() {
    return totpSecret != null;
  }

  /** The same password without the second factor (an admin's reset). */
  public Credentials withoutSecondFactor() {
    return new Credentials(passwordHash, null);
  }

  @Override
  public String toString() {
    return "Credentials[redacted]";
  }
}
