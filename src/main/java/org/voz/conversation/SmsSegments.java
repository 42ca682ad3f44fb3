package org.voz.conversation;

/**
 * Counts SMS segments: 160 GSM-7 septets (153 when split) or 70 UCS-2 units (67 when split). One
 * character outside GSM-7 switches the whole text to UCS-2; extension-table characters take two
 * septets.
 */
public final class SmsSegments {

  public enum Encoding { GSM7, UCS2;

    @Override
    public String toString() {
      return this == GSM7 ? "GSM-7" : "UCS-2";
    }
  }

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
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

  /** Septets for GSM-7, UTF-16 units for UCS-2. */
  public static int units(String text) {
    if (encoding(text) == Encoding.UCS2) {
      return text.length();
    }
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return septets;
  }

  public static int segments(String text) {
    int units = units(text);
    if (units == 0) {
      return 0;
    }
    boolean gsm = encoding(text) == Encoding.GSM7;
    int single = gsm ? 160 : 70;
    int part = gsm ? 153 : 67;
    return units <= single ? 1 : (units + part - 1) / part;
  }
}
