package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.QuestionType;

/** {@code type: single_choice}: one of its options, by number or words; records the option's {@code code:}. */
public record SingleChoiceStep(String id, Text text, String next, List<Option> options, boolean requiresPin,
    Source source) implements QuestionStep {

  public SingleChoiceStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  @Override
  public QuestionType kind() {
    return QuestionType.SINGLE_CHOICE;
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return Option.labels(options, conversations, language);
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    return ChoiceMatcher.match(options, text, language).map(o -> Answered.codes(List.of(o.code()))).orElse(null);
  }
}
