package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The normaliser and the reserved words: total, idempotent, blind to case, accents and padding. */
@Label("Normalizer properties")
class NormalizerPropertiesTest {

  private static ReservedWords reserved;

  @BeforeContainer
  static void load() {
    reserved = Conversations.load(Path.of("conversations")).reservedWords();
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(Inputs.anyUtf16(200), Inputs.scripts(200), Inputs.mangled(Inputs.RESERVED),
        Inputs.mangled(Inputs.ANSWERS), Inputs.digits(), Inputs.emoji(), Arbitraries.strings().alpha().numeric());
  }

  @Property(tries = 2000)
  @Label("normalize, word, clean and digits never throw and never return null")
  void total(@ForAll("anything") String raw) {
    assertThat(Normalizer.normalize(raw)).isNotNull();
    assertThat(Normalizer.word(raw)).isNotNull();
    assertThat(Normalizer.clean(raw)).isNotNull();
    assertThat(Normalizer.digits(raw)).isNotNull().matches("[0-9]*");
    assertThat(reserved.classify(raw)).isNotNull();
  }

  @Property(tries = 2000)
  @Label("normalize and word are idempotent: an answer already normalised stays as it is")
  void idempotent(@ForAll("anything") String raw) {
    String once = Normalizer.normalize(raw);
    assertThat(Normalizer.normalize(once)).isEqualTo(once);
    String word = Normalizer.word(raw);
    assertThat(Normalizer.word(word)).isEqualTo(word);
  }

  @Property(tries = 2000)
  @Label("the ASCII shortcut gives what the full path gives")
  void shortcutAgrees(@ForAll("anything") String raw) {
    assertThat(Normalizer.normalize(raw)).isEqualTo(Normalizer.normalizeAny(raw));
    assertThat(Normalizer.word(raw)).isEqualTo(Normalizer.wordAny(raw));
  }

  @Property(tries = 2000)
  @Label("a normalised text has no upper case, no combining marks, no control characters (line breaks included) and single spaces")
  void normalForm(@ForAll("anything") String raw) {
    String text = Normalizer.normalize(raw);
    assertThat(text).isEqualTo(text.strip());
    assertThat(text).doesNotContain("  ");
    assertThat(text.codePoints()).noneMatch(c -> Character.getType(c) == Character.NON_SPACING_MARK);
    assertThat(text.codePoints()).noneMatch(c -> Character.getType(c) == Character.CONTROL);
    assertThat(text.toLowerCase(java.util.Locale.ROOT)).isEqualTo(text);
  }

  @Property(tries = 1000)
  @Label("every reserved word is recognised in any case, with or without accents, padding or punctuation around it")
  void reservedWordsInAnyForm(@ForAll("reservedWord") String word, @ForAll long seed,
      @ForAll("pad") String head, @ForAll("pad") String tail) {
    Optional<ReservedWord> expected = reserved.classify(word);
    assertThat(expected).as(word).isPresent();
    String typed = head + Inputs.mangle(word, seed) + tail;
    assertThat(reserved.classify(typed)).as("%s as %s", word, typed).isEqualTo(expected);
    String unaccented = java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    assertThat(reserved.classify(unaccented)).as(unaccented).isEqualTo(expected);
  }

  @Property(tries = 500)
  @Label("a reserved word inside a longer message is not a reserved word")
  void onlyWholeMessages(@ForAll("reservedWord") String word, @ForAll("filler") String filler) {
    assertThat(reserved.classify(word + " " + filler)).isEmpty();
    assertThat(reserved.classify(filler + " " + word)).isEmpty();
  }

  @Property(tries = 1000)
  @Label("digits reads a PIN typed with spaces, dashes or full-width digits, and nothing else")
  void digits(@ForAll("pin") String pin, @ForAll("space") String pad) {
    assertThat(Normalizer.digits(pin)).isEqualTo(pin);
    String spaced = pin.substring(0, 2) + " " + pin.substring(2);
    assertThat(Normalizer.digits(pad + spaced + pad)).isEqualTo(pin);
    assertThat(Normalizer.digits(pin.substring(0, 2) + "-" + pin.substring(2))).isEqualTo(pin);
    StringBuilder wide = new StringBuilder();
    pin.chars().forEach(c -> wide.append((char) ('\uFF10' + (c - '0'))));
    assertThat(Normalizer.digits(wide.toString())).isEqualTo(pin);
    assertThat(Normalizer.digits(pin + "x")).isEmpty();
  }

  @Provide
  Arbitrary<String> reservedWord() {
    return Arbitraries.of(Inputs.RESERVED).filter(w -> !w.equals("MAS") && !w.equals("MÁS") && !w.equals("MORE")
        && !w.equals("MAIS"));
  }

  @Provide
  Arbitrary<String> pad() {
    return Arbitraries.of("", " ", "  ", "\t", "\n", ".", "!", "?", "¡", "¿", "\u200B", "\u200E", "\uFEFF", "\u00AD",
        "\u00A0", " ! ", "...", "\u0000");
  }

  /** What may surround a PIN: spaces and invisible marks, no punctuation. */
  @Provide
  Arbitrary<String> space() {
    return Arbitraries.of("", " ", "  ", "\t", "\n", "\u200B", "\u200E", "\uFEFF", "\u00AD", "\u00A0", "\u0000", "\u3000");
  }

  @Provide
  Arbitrary<String> pin() {
    return Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> filler() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).filter(w -> !Inputs.RESERVED.contains(
        w.toUpperCase(java.util.Locale.ROOT)));
  }
}
