package org.voz.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) as every authenticator app computes it: HMAC-SHA1, 6 digits, 30-second steps, counted from
 * the Unix epoch. Pure: the time is an argument. A code is accepted one step either side of now, for clocks
 * that drift and people who type slowly.
 */
public final class Totp {

  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final int MODULO = 1_000_000;

  private Totp() {}

  /** The time step of an instant, in seconds since the epoch. */
  public static long step(long epochSecond) {
    return Math.floorDiv(epochSecond, STEP_SECONDS);
  }

  /** The code of one time step (RFC 4226 HOTP over the step), {@code digits} long (6 here; 8 in the RFC's vectors). */
  public static String code(byte[] secret, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      int modulo = digits == DIGITS ? MODULO : (int) Math.pow(10, digits);
      return String.format("%0" + digits + "d", binary % modulo);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  public static String code(byte[] secret, long step) {
    return code(secret, step, DIGITS);
  }

  /**
   * The step {@code code} belongs to, within one step of {@code step}; -1 if none. Compared in constant time.
   * The caller refuses a step already used (a code works once).
   */
  public static long matchingStep(byte[] secret, String code, long step) {
    if (code == null || !code.matches("[0-9]{6}")) {
      return -1;
    }
    long found = -1;
    for (long s = step - 1; s <= step + 1; s++) {
      if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        found = s;
      }
    }
    return found;
  }

  /** The {@code otpauth://} URI authenticator apps read from the QR code. */
  public static String uri(String issuer, String account, String base32Secret) {
    String i = java.net.URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20");
    String a = java.net.URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + i + ":" + a + "?secret=" + base32Secret + "&issuer=" + i
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }
}
