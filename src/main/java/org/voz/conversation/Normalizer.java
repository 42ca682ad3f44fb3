package org.voz.conversation;

import java.text.Normalizer.Form;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a survivor typed into the form answers are compared in: trimmed, without control
 * characters or bidirectional marks, without accents, case-folded, single-spaced.
 */
public final class Normalizer {

  /** Longer messages are never a valid answer (ten SMS segments). */
  public static final int MAX_INPUT = 1600;

  private static final Pattern INVISIBLE =
      Pattern.compile("[\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF\\p{Cc}&&[^\\s]]");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  /** Any run of white space, Unicode's line and paragraph separators and other spaces included. */
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
  private static final Pattern EDGE_PUNCTUATION =
      Pattern.compile("^[\\p{P}\\p{S}\\s\\p{Z}]+|[\\p{P}\\p{S}\\s\\p{Z}]+$");

  private Normalizer() {}

  public static boolean tooLong(String raw) {
    return raw.length() > MAX_INPUT;
  }

  /** The text as typed, without invisible marks and control characters (line breaks kept), trimmed. */
  public static String clean(String raw) {
    return INVISIBLE.matcher(raw).replaceAll("").strip();
  }

  /** Trim, drop invisible and control characters, strip accents, case-fold, collapse spaces. */
  public static String normalize(String raw) {
    // most answers ("1", "MENU", a PIN) are ASCII letters and digits, which every step below leaves as they are
    // but for the case: the regular expressions are for the rest
    return asciiLettersAndDigits(raw) ? raw.toLowerCase(Locale.ROOT) : normalizeAny(raw);
  }

  /** {@link #normalize} without its shortcut. */
  static String normalizeAny(String raw) {
    String text = clean(raw);
    text = java.text.Normalizer.normalize(text, Form.NFKD);
    text = MARKS.matcher(text).replaceAll("");
    // lower first: the capital sharp s (ẞ) upper-cases to itself and lower-cases to ß, which upper-cases to SS
    text = text.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  /** {@link #normalize} without punctuation or symbols at either end: "Stop!" is a word "stop". */
  public static String word(String raw) {
    return asciiLettersAndDigits(raw) ? raw.toLowerCase(Locale.ROOT) : wordAny(raw);
  }

  /** {@link #word} without its shortcut. */
  static String wordAny(String raw) {
    return EDGE_PUNCTUATION.matcher(normalizeAny(raw)).replaceAll("");
  }

  private static boolean asciiLettersAndDigits(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** The digits of a PIN as typed ("48 21", "４８２１"), or empty when it has anything else. */
  public static String digits(String raw) {
    String text = normalize(raw).replace(" ", "").replace("-", "");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      int digit = Character.digit(text.charAt(i), 10);
      if (digit < 0) {
        return "";
      }
      out.append((char) ('0' + digit));
    }
    return out.toString();
  }
}
