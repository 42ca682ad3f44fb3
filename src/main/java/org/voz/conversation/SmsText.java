package org.voz.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voz.conversation.SmsSegments.Encoding;

/**
 * Fits a text to SMS: GSM-7 when a few typographic characters stand in the way, segments counted as the
 * network counts them, and long texts cut on word boundaries into parts that each fit a segment budget.
 *
 * <p>Segments are counted by {@link SmsSegments}, the same count the conversation validator uses. Pure: no I/O.
 */
public final class SmsText {

  /** Typographic characters and their GSM-7 stand-ins. */
  static final Map<Character, String> PLAIN = Map.ofEntries(
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
    if (SmsSegments.encoding(text) == Encoding.GSM7) {
      return text;
    }
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = PLAIN.get(c);
      plain.append(replacement == null ? String.valueOf(c) : replacement);
    }
    String candidate = plain.toString();
    return SmsSegments.encoding(candidate) == Encoding.GSM7 ? candidate : text;
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
      // stripped again once plainer: a non-breaking space (kept by strip) may have become a space
      String part = plainer(whole.substring(start, end).strip()).strip();
      if (!part.isEmpty()) {
        parts.add(part);
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
    return SmsSegments.segments(plain) <= SmsSegments.segments(part) ? plain : part;
  }

  /**
   * Splits by length in UTF-16 units (e.g. Twilio's 1600-character body limit), on word boundaries. At least 2
   * units, so that a part always holds a whole surrogate pair (with 1, a pair could never be placed).
   */
  public static List<String> splitByLength(String text, int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2");
    }
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

  /**
   * The largest end, a code point boundary, such that {@code text[start, end)} fits the budget (segments never
   * shrink as a text grows); at least one code point, so that the split always advances.
   */
  private static int longestFit(String text, int start, int maxSegments) {
    if (SmsSegments.segments(text.substring(start)) <= maxSegments) {
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
      if (SmsSegments.segments(text.substring(start, start + ends[mid])) <= maxSegments) {
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
