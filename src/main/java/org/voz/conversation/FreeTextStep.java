package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.AnswerShape;

/**
 * {@code type: free_text}: the survivor's own words, cleaned, at most {@code maxLength} ({@code max:})
 * characters; shown to coordinators only if they share it (redacted), else only counted.
 */
public record FreeTextStep(String id, Text text, String next, int maxLength, boolean requiresPin, Source source)
    implements QuestionStep {

  /** {@code type: free_text}. */
  public static final QuestionKind KIND = new QuestionKind("free_text",
      f -> new FreeTextStep(f.id(), f.text(), f.next(), f.max(), f.requiresPin(), f.source()));

  public FreeTextStep {
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
    return new AnswerShape.FreeText();
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return List.of();
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    String free = Normalizer.clean(text);
    return free.isEmpty() || free.length() > maxLength ? null : new Answered(List.of(), free);
  }
}
