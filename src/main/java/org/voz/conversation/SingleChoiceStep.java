package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import org.voz.feedback.AnswerShape;

/** {@code type: single_choice}: one of its options, by number or words; records the option's {@code code:}. */
public record SingleChoiceStep(String id, Text text, String next, List<Option> options, boolean requiresPin,
    Source source) implements QuestionStep {

  /** {@code type: single_choice}. */
  public static final QuestionKind KIND = new QuestionKind("single_choice",
      f -> new SingleChoiceStep(f.id(), f.text(), f.next(), f.options(), f.requiresPin(), f.source()));

  public SingleChoiceStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  @Override
  public QuestionKind kind() {
    return KIND;
  }

  @Override
  public AnswerShape shape() {
    return new AnswerShape.OneOf(codes(options));
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return Option.labels(options, conversations, language);
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    return ChoiceMatcher.match(options, text, language).map(o -> Answered.codes(List.of(o.code()))).orElse(null);
  }

  /** The options' answer codes, in order (a missing one is the validator's error). */
  private static List<String> codes(List<Option> options) {
    return options.stream().map(Option::code).toList();
  }
}
