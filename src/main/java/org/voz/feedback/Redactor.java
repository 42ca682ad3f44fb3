package org.voz.feedback;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conservative scrubber for free-text answers before a coordinator reads them: web addresses, e-mail
 * addresses, {@code @handles}, anything containing a digit (phones, ids, dates, amounts) and every
 * capitalised word that does not start a sentence (names, places, organisations) become {@code […]}.
 * It errs towards removing too much; a lowercase place name or a name at the start of a sentence can still
 * pass, which is why only answers the survivor agreed to share are ever shown.
 */
public final class Redactor {

  public static final String MARK = "[…]";

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|\\b[\\w-]+\\.(?:com|org|net|br|mx|gt|fr|ht|co|io|me)(?:/\\S*)?\\b");
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}_]+");
  private static final Pattern WITH_DIGIT = Pattern.compile("[+#]?[\\p{L}\\p{N}]*\\p{N}[\\p{L}\\p{N}]*(?:[-./:,]?\\p{N}+)*");
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");
  private static final Pattern RUNS = Pattern.compile("\\[…\\](?:[\\s\\-./()]*\\[…\\])+");
  private static final Set<String> ALWAYS_CAPITAL = Set.of("I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll");

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = EMAIL.matcher(text).replaceAll(MARK);
    out = URL.matcher(out).replaceAll(MARK);
    out = HANDLE.matcher(out).replaceAll(MARK);
    out = WITH_DIGIT.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
    out = capitalised(out);
    return RUNS.matcher(out).replaceAll(Matcher.quoteReplacement(MARK)).strip();
  }

  private static String capitalised(String text) {
    Matcher m = WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String word = m.group();
      out.append(text, last, m.start());
      boolean capital = Character.isUpperCase(word.codePointAt(0));
      if (capital && !sentenceStart(text, m.start()) && !ALWAYS_CAPITAL.contains(word)) {
        out.append(MARK);
      } else {
        out.append(word);
      }
      last = m.end();
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  /** Whether the word at {@code start} begins the text or follows . ! ? … : or a line break (opening marks skipped). */
  private static boolean sentenceStart(String text, int start) {
    int i = start - 1;
    while (i >= 0) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (Character.isWhitespace(c) || "¿¡\"'«“‘(-–—".indexOf(c) >= 0) {
        i--;
        continue;
      }
      return ".!?…:".indexOf(c) >= 0;
    }
    return true;
  }
}
