package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.AnswerShape;

/** {@code type: rating}: a number from 1 to 5, which the text explains (no numbered lines of its own). */
public record RatingStep(String id, Text text, String next, boolean requiresPin, Source source) implements QuestionStep {

  /** {@code type: rating}. */
  public static final QuestionKind KIND = new QuestionKind("rating",
      f -> new RatingStep(f.id(), f.text(), f.next(), f.requiresPin(), f.source()));

  public RatingStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public QuestionKind kind() {
    return KIND;
  }

  @Override
  public AnswerShape shape() {
    return AnswerShape.Scale.of(1, 5);
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
