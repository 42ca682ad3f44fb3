package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.voz.conversation.SmsSegments.Encoding;

/**
 * The SMS splitter. "Re-join" precisely: {@link SmsText#split} strips the text, cuts it at whitespace (inside
 * a word only when the word alone is over the budget), strips each part and drops the whitespace at each
 * cut, and swaps typographic quotes, dashes, ellipsis and special spaces for GSM-7 ones in the whole text or
 * in a part when that does not cost segments. So after the same swap applied to both sides ({@link #plain}),
 * the parts' characters other than whitespace, in order, are exactly the text's; and when every word fits
 * the budget on its own, the parts joined by a space have exactly the text's words.
 */
@Label("SmsText properties")
class SmsTextPropertiesTest {

  /** SmsText's GSM-7 stand-ins (its own table: the data, not the splitting under test), applied unconditionally. */
  private static final Map<Character, String> PLAIN = SmsText.PLAIN;

  private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  static String plain(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      String r = PLAIN.get(text.charAt(i));
      out.append(r == null ? String.valueOf(text.charAt(i)) : r);
    }
    return out.toString();
  }

  private static String withoutWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> out.append((char) c));
    return out.toString();
  }

  /**
   * The most a text may take, counted independently of SmsSegments: septets when every character is GSM-7
   * (extension ones two), else UTF-16 units; 160/70 in one segment, else 153/67 per segment.
   */
  private static boolean withinBudget(String part, int maxSegments) {
    boolean gsm = part.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
    int units = gsm ? part.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum() : part.length();
    int single = gsm ? 160 : 70;
    int perSegment = gsm ? 153 : 67;
    return units <= single || units <= perSegment * maxSegments;
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        words(),
        Arbitraries.strings().all().ofMaxLength(1200),
        Arbitraries.strings().withChars(" \n€[]{}|^~\\").withCharRange('a', 'z').ofMaxLength(1200),
        Arbitraries.strings().withCharRange('\u0400', '\u04FF').withChars("  \n").ofMaxLength(1600),
        Arbitraries.strings().withCharRange('\u0900', '\u097F').withChars(" ").ofMaxLength(1600),
        Arbitraries.strings().withCharRange('\u4E00', '\u4FFF').ofMaxLength(1000),
        Arbitraries.of("😀", "👍🏽", "a", " ", "€", "\u2019", "\u00A0", "\u2026", "á").list().ofMaxSize(900)
            .map(l -> String.join("", l)));
  }

  @Property(tries = 600)
  @Label("never throws; every part is non-empty, stripped and within maxSegments segments")
  void partsWithinBudget(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 10) int maxSegments) {
    List<String> parts = SmsText.split(text, maxSegments);
    for (String part : parts) {
      assertThat(part).isNotEmpty();
      assertThat(part.strip()).as("stripped").isEqualTo(part);
      assertThat(SmsSegments.segments(part)).as("segments of a part").isBetween(1, maxSegments);
      assertThat(withinBudget(part, maxSegments)).as("budget of %s", part).isTrue();
    }
  }

  @Property(tries = 600)
  @Label("the parts re-join to the text: the same characters but whitespace, in order, after the same GSM-7 swap")
  void rejoins(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 10) int maxSegments) {
    List<String> parts = SmsText.split(text, maxSegments);
    assertThat(withoutWhitespace(plain(String.join("", parts)))).isEqualTo(withoutWhitespace(plain(text)));
  }

  @Property(tries = 600)
  @Label("when every word fits the budget alone, the parts keep every word whole and in order")
  void wordsKeptWhole(@ForAll("words") String text, @ForAll @IntRange(min = 1, max = 10) int maxSegments) {
    List<String> parts = SmsText.split(text, maxSegments);
    String[] expected = plain(text).strip().split("\\s+");
    String[] actual = plain(String.join(" ", parts)).strip().split("\\s+");
    assertThat(actual).containsExactly(expected);
  }

  /** Words of up to 20 characters (Latin with accents, GSM-7 extension characters, Cyrillic, emoji, CJK), spaced. */
  @Provide
  Arbitrary<String> words() {
    Arbitrary<String> word = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars("áéíóúñçàèÀ'.,!?\u2019\u201C\u201D\u2014\u2026").ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withCharRange('a', 'z').withChars("€[]{}|^~\\").ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withCharRange('\u0400', '\u04FF').ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withCharRange('\u4E00', '\u4FFF').ofMinLength(1).ofMaxLength(20),
        Arbitraries.of("😀", "👍🏽", "🇬🇹").list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l)));
    Arbitrary<String> gap = Arbitraries.of(" ", " ", " ", "  ", "\n", " \n", "\t");
    return net.jqwik.api.Combinators.combine(word.list().ofMinSize(0).ofMaxSize(250), gap.list().ofSize(250))
        .as((ws, gaps) -> {
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < ws.size(); i++) {
            out.append(ws.get(i)).append(gaps.get(i));
          }
          return out.toString();
        });
  }

  @Property(tries = 600)
  @Label("a text that fits is one part (the stripped text, GSM-7 swapped if that makes it GSM-7); a blank one none")
  void fittingTextIsOnePart(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 10) int maxSegments) {
    String whole = SmsText.toGsm(text).strip();
    Assume.that(SmsSegments.segments(whole) <= maxSegments);
    List<String> parts = SmsText.split(text, maxSegments);
    if (whole.isEmpty()) {
      assertThat(parts).isEmpty();
    } else {
      // a UCS-2 text may still go GSM-7 as a part once stripped (a trailing ideographic space kept it UCS-2)
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0)).isIn(whole, SmsText.toGsm(whole));
    }
  }

  @Property(tries = 600)
  @Label("no part starts inside a surrogate pair or ends with half of one, when the text has whole pairs only")
  void surrogatePairsWhole(@ForAll("wellFormed") String text, @ForAll @IntRange(min = 1, max = 4) int maxSegments) {
    for (String part : SmsText.split(text, maxSegments)) {
      assertThat(Character.isLowSurrogate(part.charAt(0))).as(part).isFalse();
      assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).as(part).isFalse();
    }
  }

  @Provide
  Arbitrary<String> wellFormed() {
    return text().filter(t -> t.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
  }

  @Property(tries = 600)
  @Label("toGsm either keeps the text or swaps exactly the typographic characters, and only when that gives GSM-7")
  void toGsm(@ForAll("text") String text) {
    String out = SmsText.toGsm(text);
    if (!out.equals(text)) {
      assertThat(out).isEqualTo(plain(text));
      assertThat(SmsSegments.encoding(out)).isEqualTo(Encoding.GSM7);
      assertThat(SmsSegments.encoding(text)).isEqualTo(Encoding.UCS2);
    }
  }

  @Property(tries = 600)
  @Label("splitByLength: never throws, parts within the length, re-joining to the text but whitespace")
  void byLength(@ForAll("text") String text, @ForAll @IntRange(min = 2, max = 1600) int maxChars) {
    List<String> parts = SmsText.splitByLength(text, maxChars);
    for (String part : parts) {
      assertThat(part.length()).isLessThanOrEqualTo(maxChars);
    }
    assertThat(withoutWhitespace(String.join("", parts))).isEqualTo(withoutWhitespace(text));
  }
}
