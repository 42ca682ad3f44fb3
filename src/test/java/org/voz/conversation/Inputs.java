package org.voz.conversation;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of what a survivor might type: realistic answers mixed with hostile text. */
final class Inputs {

  private Inputs() {}

  /** Every reserved word of system.yaml, as written there. */
  static final List<String> RESERVED = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
      "OPTOUT", "PARAR", "ALTO", "BAJA", "NO MÁS", "CANCELAR", "PARE", "ARRÊT", "ARRÊTER", "ARRÊTEZ", "RETE",
      "START", "YES", "UNSTOP", "COMENZAR", "EMPEZAR", "REANUDAR", "COMEÇAR", "VOLTAR", "COMMENCER", "REPRENDRE",
      "KÒMANSE", "HELP", "INFO", "AYUDA", "AJUDA", "AIDE", "ÈD", "MENU", "MENÚ", "MENI", "EXIT", "SALIR", "SAIR",
      "SORTIR", "QUITTER", "SOTI", "MAS", "MÁS", "MORE", "MAIS");

  /** Words of the shipped menus and answers (English and Spanish labels, skip words, survey answers). */
  static final List<String> ANSWERS = List.of("hi", "hola", "later", "documents", "ask", "copy", "letter", "link",
      "skip", "permissions", "withdraw", "yes", "no", "si", "sí", "oui", "non", "sim", "não", "language", "idioma",
      "english", "español", "português", "français", "kreyòl", "anonymous", "linked", "0", "ok", "back");

  /** Any UTF-16 string: lone surrogates, control characters, private use, everything. */
  static Arbitrary<String> anyUtf16(int max) {
    return Arbitraries.strings().all().ofMinLength(0).ofMaxLength(max);
  }

  /** Text in the scripts survivors write in, with emoji, marks, bidi marks and odd spaces mixed in. */
  static Arbitrary<String> scripts(int max) {
    return Arbitraries.strings()
        .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .withChars(" \t\n\r.,;:!?¿¡'\"-()€[]{}|^~\\@£$¥èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà§")
        .withCharRange('\u00C0', '\u017F') // Latin-1 supplement and Latin extended-A: accents
        .withCharRange('\u0300', '\u036F') // combining marks
        .withCharRange('\u0400', '\u04FF') // Cyrillic
        .withCharRange('\u0900', '\u097F') // Devanagari
        .withCharRange('\u0E00', '\u0E7F') // Thai
        .withCharRange('\u1200', '\u137F') // Ethiopic (Amharic)
        .withCharRange('\u4E00', '\u4FFF') // CJK
        .withCharRange('\u0600', '\u06FF') // Arabic
        .withChars("\u00A0\u202F\u2007\u2009\u200A\u2002\u2003\u200B\uFEFF\u200E\u200F\u202A\u202E\u2066\u2069\u00AD")
        .withChars("\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00AB\u00BB\u2022\u2212\uFF10\uFF11\uFF12\uFF13")
        .withChars("\u0000\u0007\u001B\u007F\u0085\u2028\u2029\u3000")
        .ofMinLength(0).ofMaxLength(max)
        .edgeCases(c -> c.add(""));
  }

  /** Emoji (surrogate pairs), single or repeated. */
  static Arbitrary<String> emoji() {
    return Arbitraries.of("😀", "👍", "🙏🏽", "❤️", "👨‍👩‍👧", "🇬🇹", "😀😀😀").list().ofMinSize(1).ofMaxSize(5)
        .map(l -> String.join("", l));
  }

  /** A word with its case scrambled, accents added or removed, and punctuation or spaces around it. */
  static Arbitrary<String> mangled(List<String> words) {
    return Combinators.combine(Arbitraries.of(words), Arbitraries.longs(), Arbitraries.of("", " ", "  ", "\t", "\u00A0"),
        Arbitraries.of("", ".", "!", "?", "!!", " ", "\u200B", "\n"), Arbitraries.of("", "¡", "¿", "\"", "*"))
        .as((w, seed, pad, tail, head) -> head + pad + mangle(w, seed) + tail);
  }

  /** {@code word} with each letter's case flipped or kept, and a combining acute accent after some letters. */
  static String mangle(String word, long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder out = new StringBuilder();
    word.codePoints().forEach(cp -> {
      out.appendCodePoint(random.nextBoolean() ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
      if (Character.isLetter(cp) && random.nextInt(6) == 0) {
        out.append('\u0301');
      }
    });
    return out.toString();
  }

  /** Digits as typed: menu numbers, PINs (right, wrong, spaced, full-width), numbers too long. */
  static Arbitrary<String> digits() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 12).map(String::valueOf),
        Arbitraries.of("4821", "48 21", "48-21", "４８２１", "1234", "0000", "9999", "48210", "482", "٤٨٢١"),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12),
        Arbitraries.integers().between(-5, 5000).map(i -> " " + i + " "));
  }

  /** A mix of all of them, weighted towards what moves a conversation along. */
  static Arbitrary<String> message() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, digits()),
        net.jqwik.api.Tuple.of(3, mangled(RESERVED)),
        net.jqwik.api.Tuple.of(4, mangled(ANSWERS)),
        net.jqwik.api.Tuple.of(2, scripts(40)),
        net.jqwik.api.Tuple.of(1, anyUtf16(40)),
        net.jqwik.api.Tuple.of(1, emoji()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "\n", "\u0000", "\uD800", "\uDC00x", "a".repeat(1601),
            "1".repeat(1600), "ñ".repeat(5000), "STOP".repeat(400))));
  }
}
