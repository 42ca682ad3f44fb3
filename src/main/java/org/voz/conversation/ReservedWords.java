package org.voz.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recognises a reserved word of any language in a whole message, case- and accent-insensitive. */
public final class ReservedWords {

  private final Map<String, ReservedWord> byWord = new HashMap<>();

  public ReservedWords(Map<ReservedWord, Map<String, List<String>>> words) {
    words.forEach((kind, byLanguage) -> byLanguage.values()
        .forEach(list -> list.forEach(w -> byWord.put(Normalizer.word(w), kind))));
  }

  /** The family of the message, if the whole message is one reserved word. */
  public Optional<ReservedWord> classify(String rawText) {
    if (Normalizer.tooLong(rawText)) {
      return Optional.empty();
    }
    return Optional.ofNullable(byWord.get(Normalizer.word(rawText)));
  }
}
