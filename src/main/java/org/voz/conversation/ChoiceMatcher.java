package org.voz.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which option of a choice step an answer selects: its number, its whole label, one of its
 * {@code words:}, or a word of four letters or more that only its label contains. Accents and case
 * never matter.
 */
final class ChoiceMatcher {

  private static final int SIGNIFICANT_WORD = 4;

  private ChoiceMatcher() {}

  static Optional<Option> match(List<Option> options, String raw, String language) {
    String answer = Normalizer.word(raw);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (answer.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return byNumber(options, answer);
    }
    for (Option option : options) {
      if (wholeWords(option, language).contains(answer)) {
        return Optional.of(option);
      }
    }
    return bySignificantWord(options, answer, language);
  }

  private static Optional<Option> byNumber(List<Option> options, String digits) {
    if (digits.length() > 3) {
      return Optional.empty();
    }
    int n = Integer.parseInt(digits);
    return n >= 1 && n <= options.size() ? Optional.of(options.get(n - 1)) : Optional.empty();
  }

  private static List<String> wholeWords(Option option, String language) {
    List<String> words = new ArrayList<>();
    words.add(Normalizer.word(option.label().in(language, "")));
    option.words().getOrDefault(language, List.of()).forEach(w -> words.add(Normalizer.word(w)));
    return words;
  }

  private static Optional<Option> bySignificantWord(List<Option> options, String answer, String language) {
    if (answer.length() < SIGNIFICANT_WORD || answer.contains(" ")) {
      return Optional.empty();
    }
    List<Option> found = options.stream()
        .filter(o -> List.of(Normalizer.word(o.label().in(language, "")).split("[^\\p{L}\\p{N}]+")).contains(answer))
        .toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
