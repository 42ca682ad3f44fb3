package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.QuestionType;

/** {@code type: rating}: a number from 1 to 5, which the text explains (no numbered lines of its own). */
public record RatingStep(String id, Text text, String next, boolean requiresPin, Source source) implements QuestionStep {

  public RatingStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public QuestionType kind() {
    return QuestionType.RATING;
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return List.of();
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    String word = Normalizer.word(text);
    return Answered.codes(word.matches("[1-5]") ? List.of(word) : List.of());
  }
}
