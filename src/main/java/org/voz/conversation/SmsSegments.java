package org.voz.conversation;

/**
 * Counts SMS segments as the network bills them, for the validator and the channel alike: one message
 * holds 160 GSM-7 septets or 70 UCS-2 units; a concatenated one 153 or 67 per segment (the rest is the
 * concatenation header). One character outside GSM-7 switches the whole text to UCS-2. An extension
 * character (€, [, ], {, }, |, ^, ~, \) takes two septets, an escape and the character, and the pair is
 * never split across segments; neither is a UTF-16 surrogate pair (an emoji) in UCS-2.
 */
public final class SmsSegments {

  public enum Encoding { GSM7, UCS2;

    @Override
    public String toString() {
      return this == GSM7 ? "GSM-7" : "UCS-2";
    }
  }

  static final int GSM_SINGLE = 160;
  static final int GSM_PART = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_PART = 67;

  /** GSM 03.38 basic table (as Twilio and the carriers read it). */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  /** GSM 03.38 extension table: each one costs an escape septet as well. */
  private static final String EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  public static Encoding encoding(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
        return Encoding.UCS2;
      }
    }
    return Encoding.GSM7;
  }

  /** Segments the network bills for {@code text} as it stands (no replacement); 0 for an empty text. */
  public static int segments(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    boolean gsm = encoding(text) == Encoding.GSM7;
    int total = 0;
    for (int i = 0; i < text.length(); i += width(text, i, gsm)) {
      total += cost(text, i, gsm);
    }
    if (total <= (gsm ? GSM_SINGLE : UCS2_SINGLE)) {
      return 1;
    }
    int part = gsm ? GSM_PART : UCS2_PART;
    int count = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i += width(text, i, gsm)) {
      int size = cost(text, i, gsm);
      if (used + size > part) { // an escape pair or a surrogate pair moves whole to the next segment
        count++;
        used = 0;
      }
      used += size;
    }
    return count;
  }

  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the character at {@code i}: 2 for an escape or surrogate pair. */
  private static int cost(String text, int i, boolean gsm) {
    if (gsm) {
      return EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return width(text, i, false);
  }

  /** Java chars the code point at {@code i} takes: 2 for a surrogate pair, else 1. */
  private static int width(String text, int i, boolean gsm) {
    return !gsm && Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
  }
}
