package org.voz.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits a text to SMS: GSM-7 when a few typographic characters stand in the way, segments counted as the
 * network counts them, and long texts cut on word boundaries into parts that each fit a segment budget.
 *
 * <p>A single message holds 160 GSM-7 septets or 70 UCS-2 units; a concatenated one 153 or 67 per segment
 * (the rest is the concatenation header). An extension character (€, [, ], {, }, |, ^, ~, \) takes two
 * septets, an escape and the character, and the pair is never split across segments; neither is a UTF-16
 * surrogate pair (an emoji) in UCS-2. Pure: no I/O.
 */
public final class SmsText {

  public enum Encoding { GSM7, UCS2 }

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
  /** 1 = a GSM-7 basic character, 2 = an extension one (it costs two), 0 = not GSM-7; indexed by char, up to €. */
  private static final byte[] GSM_COST = gsmCosts();

  /** Typographic characters and their GSM-7 stand-ins. */
  private static final Map<Character, String> PLAIN = Map.ofEntries(
      Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u201B', "'"),
      Map.entry('\u2032', "'"), Map.entry('\u00B4', "'"), Map.entry('`', "'"),
      Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""), Map.entry('\u201F', "\""),
      Map.entry('\u2033', "\""), Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""),
      Map.entry('\u2039', "'"), Map.entry('\u203A', "'"),
      Map.entry('\u2010', "-"), Map.entry('\u2011', "-"), Map.entry('\u2012', "-"), Map.entry('\u2013', "-"),
      Map.entry('\u2014', "-"), Map.entry('\u2015', "-"), Map.entry('\u2212', "-"),
      Map.entry('\u2026', "..."), Map.entry('\u2022', "-"),
      Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u2007', " "), Map.entry('\u2009', " "),
      Map.entry('\u200A', " "), Map.entry('\u2002', " "), Map.entry('\u2003', " "),
      Map.entry('\u200B', ""), Map.entry('\uFEFF', ""));

  private SmsText() {}

  /**
   * The text with typographic quotes, dashes, ellipsis and special spaces replaced by GSM-7 ones, when that
   * makes the whole text GSM-7; otherwise the text unchanged (it goes as UCS-2 anyway, so it keeps them).
   */
  public static String toGsm(String text) {
    if (encoding(text) == Encoding.GSM7) {
      return text;
    }
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = PLAIN.get(c);
      plain.append(replacement == null ? String.valueOf(c) : replacement);
    }
    String candidate = plain.toString();
    return encoding(candidate) == Encoding.GSM7 ? candidate : text;
  }

  public static Encoding encoding(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (gsmCost(text.charAt(i)) == 0) {
        return Encoding.UCS2;
      }
    }
    return Encoding.GSM7;
  }

  private static int gsmCost(char c) {
    return c < GSM_COST.length ? GSM_COST[c] : 0;
  }

  private static byte[] gsmCosts() {
    byte[] costs = new byte['€' + 1];
    BASIC.chars().forEach(c -> costs[c] = 1);
    EXTENSION.chars().forEach(c -> costs[c] = 2);
    return costs;
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

  /**
   * {@code text} (after {@link #toGsm}) in parts of at most {@code maxSegments} segments each, cut on word
   * boundaries (inside a word only when one word alone is longer than the budget, and never inside a
   * surrogate pair). As few parts as a greedy cut needs, of about even length, so that no part is a stray
   * last word.
   */
  public static List<String> split(String text, int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be at least 1");
    }
    String whole = toGsm(text).strip();
    List<String> greedy = cut(whole, maxSegments, 0);
    return greedy.size() <= 1 ? greedy : cut(whole, maxSegments, greedy.size());
  }

  /** Cuts {@code whole}: greedily when {@code aim} is 0, else aiming at {@code aim} parts of even length. */
  private static List<String> cut(String whole, int maxSegments, int aim) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < whole.length()) {
      int fit = longestFit(whole, start, maxSegments);
      int end = fit;
      if (fit < whole.length()) {
        int target = aim == 0 ? fit : start + ceilDiv(whole.length() - start, Math.max(1, aim - parts.size()));
        end = target < fit ? spaceFrom(whole, target, fit, start) : breakBefore(whole, start, fit);
      }
      String part = whole.substring(start, end).strip();
      if (!part.isEmpty()) {
        parts.add(plainer(part));
      }
      start = end;
      while (start < whole.length() && Character.isWhitespace(whole.charAt(start))) {
        start++;
      }
    }
    return parts;
  }

  /** The first space at or after {@code target} and not after {@code fit}; else the last one before {@code fit}. */
  private static int spaceFrom(String text, int target, int fit, int start) {
    for (int i = target; i <= fit; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return breakBefore(text, start, fit);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** A part of a UCS-2 text may become GSM-7 on its own; kept only if that costs no more segments. */
  private static String plainer(String part) {
    String plain = toGsm(part);
    return segments(plain) <= segments(part) ? plain : part;
  }

  /** Splits by length in UTF-16 units (e.g. Twilio's 1600-character body limit), on word boundaries. */
  public static List<String> splitByLength(String text, int maxChars) {
    List<String> parts = new ArrayList<>();
    String whole = text.strip();
    int start = 0;
    while (start < whole.length()) {
      int end = Math.min(whole.length(), start + maxChars);
      if (end < whole.length() && Character.isLowSurrogate(whole.charAt(end))) {
        end--;
      }
      if (end < whole.length()) {
        end = breakBefore(whole, start, end);
      }
      parts.add(whole.substring(start, end).strip());
      start = end;
      while (start < whole.length() && Character.isWhitespace(whole.charAt(start))) {
        start++;
      }
    }
    return parts;
  }

  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the character at {@code i}: 2 for an escape or surrogate pair. */
  private static int cost(String text, int i, boolean gsm) {
    if (gsm) {
      return gsmCost(text.charAt(i)) == 2 ? 2 : 1;
    }
    return width(text, i, false);
  }

  /** Java chars the code point at {@code i} takes: 2 for a surrogate pair, else 1. */
  private static int width(String text, int i, boolean gsm) {
    return !gsm && Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
  }

  /**
   * The largest end, a code point boundary, such that {@code text[start, end)} fits the budget (segments never
   * shrink as a text grows); at least one code point, so that the split always advances.
   */
  private static int longestFit(String text, int start, int maxSegments) {
    if (segments(text.substring(start)) <= maxSegments) {
      return text.length();
    }
    int[] ends = text.substring(start).codePoints().map(Character::charCount).toArray();
    for (int k = 1; k < ends.length; k++) {
      ends[k] += ends[k - 1];
    }
    int low = 0; // ends[low] is the smallest cut, taken even if it does not fit
    int high = ends.length - 1; // the whole rest: does not fit
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (segments(text.substring(start, start + ends[mid])) <= maxSegments) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return start + ends[low];
  }

  /** The cut at or before {@code end}: after the last line break (if the part stays half full) or space. */
  private static int breakBefore(String text, int start, int end) {
    int newline = text.lastIndexOf('\n', end);
    if (newline > start && newline - start >= (end - start) / 2) {
      return newline;
    }
    for (int i = end; i > start; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return end;
  }
}
