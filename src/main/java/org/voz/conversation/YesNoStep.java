package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.AnswerShape;

/**
 * {@code type: yes_no}: "1. yes" and "2. no" (the system texts {@code survey_yes}, {@code survey_no}); the
 * number or the word in any language answers.
 */
public record YesNoStep(String id, Text text, String next, boolean requiresPin, Source source) implements QuestionStep {

  /** {@code type: yes_no}. */
  public static final QuestionKind KIND = new QuestionKind("yes_no",
      f -> new YesNoStep(f.id(), f.text(), f.next(), f.requiresPin(), f.source()));

  public YesNoStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public QuestionKind kind() {
    return KIND;
  }

  @Override
  public List<String> systemTexts() {
    return List.of("survey_yes", "survey_no");
  }

  @Override
  public AnswerShape shape() {
    return new AnswerShape.OneOf(List.of("yes", "no"));
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return List.of(conversations.systemText("survey_yes", language), conversations.systemText("survey_no", language));
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    String word = Normalizer.word(text);
    for (String any : conversations.languages()) {
      if (word.equals("1") || word.equals(Normalizer.word(conversations.systemText("survey_yes", any)))) {
        return Answered.codes(List.of("yes"));
      }
      if (word.equals("2") || word.equals(Normalizer.word(conversations.systemText("survey_no", any)))) {
        return Answered.codes(List.of("no"));
      }
    }
    return null;
  }
}
