package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Normalizer")
class NormalizerTest {

  @Test
  @DisplayName("trims, folds case, strips accents and collapses spaces")
  void basics() {
    assertThat(Normalizer.normalize("  NO   MÁS  ")).isEqualTo("no mas");
    assertThat(Normalizer.normalize("Arrêter")).isEqualTo("arreter");
    assertThat(Normalizer.normalize("Começar")).isEqualTo("comecar");
    assertThat(Normalizer.normalize("STRAßE")).isEqualTo("strasse");
  }

  @Test
  @DisplayName("the capital sharp s folds like ß, so that normalising twice changes nothing (it gave ß, then ss)")
  void capitalSharpS() {
    assertThat(Normalizer.normalize("STRAẞE")).isEqualTo("strasse");
    assertThat(Normalizer.normalize("ẞ")).isEqualTo(Normalizer.normalize("ß"));
    assertThat(Normalizer.normalize(Normalizer.normalize("ẞ"))).isEqualTo(Normalizer.normalize("ẞ"));
  }

  @Test
  @DisplayName("drops control characters, bidi and zero-width marks")
  void invisible() {
    assertThat(Normalizer.normalize("\u200Fstop\u200E")).isEqualTo("stop");
    assertThat(Normalizer.normalize("\u202Astop\u202E")).isEqualTo("stop");
    assertThat(Normalizer.normalize("\u2066st\u200Bop\u2069")).isEqualTo("stop");
    assertThat(Normalizer.normalize("\u0000st\u0007op\uFEFF")).isEqualTo("stop");
    assertThat(Normalizer.normalize("no\nmas\t")).isEqualTo("no mas");
  }

  @Test
  @DisplayName("the shortcut for ASCII letters and digits gives what the whole normalisation gives")
  void asciiShortcut() {
    for (String raw : java.util.List.of("", "1", "3", "MENU", "Help", "menu", "4821", "StOp2", "Z9a", "1234567890123")) {
      assertThat(Normalizer.normalize(raw)).as(raw).isEqualTo(Normalizer.normalizeAny(raw));
      assertThat(Normalizer.word(raw)).as(raw).isEqualTo(Normalizer.wordAny(raw));
    }
    assertThat(Normalizer.word("MENU")).isEqualTo("menu");
  }

  @Test
  @DisplayName("a word loses punctuation and symbols at its ends only")
  void word() {
    assertThat(Normalizer.word("¡Stop!")).isEqualTo("stop");
    assertThat(Normalizer.word("3.")).isEqualTo("3");
    assertThat(Normalizer.word("peut-être?")).isEqualTo("peut-etre");
    assertThat(Normalizer.word("👍 stop 👍")).isEqualTo("stop");
  }

  @Test
  @DisplayName("every Unicode space or line separator is a space: one between words, none at the ends, even once "
      + "punctuation went (jqwik found word(\"a\\u2028!\") = \"a\\u2028\", whose word is \"a\")")
  void unicodeSeparators() {
    assertThat(Normalizer.word("a\u2028!")).isEqualTo("a");
    assertThat(Normalizer.word("!\u2029a")).isEqualTo("a");
    assertThat(Normalizer.word("a\u2028!\u2028!")).isEqualTo("a");
    assertThat(Normalizer.normalize("no\u2028mas")).isEqualTo("no mas");
    assertThat(Normalizer.normalize("no\u2029\u3000mas")).isEqualTo("no mas");
    for (String raw : java.util.List.of("a\u2028!", "a\u2028!\u2028!", "no\u2028mas", "x\u00A0?", "\u205F¿y?")) {
      assertThat(Normalizer.word(Normalizer.word(raw))).as(raw).isEqualTo(Normalizer.word(raw));
      assertThat(Normalizer.normalize(Normalizer.normalize(raw))).as(raw).isEqualTo(Normalizer.normalize(raw));
    }
  }

  @Test
  @DisplayName("PIN digits are read from ASCII and full-width digits, through spaces and dashes")
  void digits() {
    assertThat(Normalizer.digits(" 48 21 ")).isEqualTo("4821");
    assertThat(Normalizer.digits("48-21")).isEqualTo("4821");
    assertThat(Normalizer.digits("４８２１")).isEqualTo("4821");
    assertThat(Normalizer.digits("48a1")).isEmpty();
    assertThat(Normalizer.digits("😀")).isEmpty();
  }

  @Test
  @DisplayName("handles 100 kB and emoji without trouble")
  void large() {
    String big = "😀".repeat(50_000);
    assertThat(Normalizer.tooLong(big)).isTrue();
    assertThat(Normalizer.normalize(big)).hasSize(100_000);
    assertThat(Normalizer.tooLong("a".repeat(1600))).isFalse();
  }
}
