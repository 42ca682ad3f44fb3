package org.voz.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Receipt codes: six characters a survivor can read out over the phone, the same every time for the
 * same change. {@code SHA-256(survivorId|consentId|turn|to)}, its first 30 bits written five bits a
 * character in an alphabet without 0/O and 1/I. Pure: no clock, no randomness.
 */
public final class Receipts {

  /** 32 characters: digits 2-9 and the letters without I and O. */
  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  public static final int LENGTH = 6;

  private Receipts() {}

  /**
   * @param survivorId the survivor's opaque id
   * @param consentId  the consent item changed
   * @param turn       the number of the inbound message that made the change (the session's turns after it)
   * @param to         the new status ({@code revoked}, {@code granted}, {@code declined}, ...)
   */
  public static String of(String survivorId, String consentId, long turn, String to) {
    byte[] hash = sha256(survivorId + "|" + consentId + "|" + turn + "|" + to);
    long bits = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      int shift = 32 - 5 * (i + 1);
      code.append(ALPHABET.charAt((int) ((bits >>> shift) & 31)));
    }
    return code.toString();
  }

  /** Whether {@code code} looks like a receipt (length and alphabet), e.g. to read one back from a survivor. */
  public static boolean wellFormed(String code) {
    return code != null && code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
