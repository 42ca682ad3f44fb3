package org.voz.conversation;

import java.util.List;
import org.voz.feedback.QuestionType;

/**
 * A survey question (see {@link SurveySteps}): every one waits, and every one can be skipped with 0. Its
 * {@code type:} in a flow file is its {@link QuestionType}'s name in lower case, so the kinds of question
 * are the feedback model's, and nowhere else. What differs from one kind to the next is here, in each
 * kind's record: the numbered answers it shows and what an answer records.
 *
 * <p>A new kind of question is a record here (and its line in {@code permits} and {@link #of}, which the
 * compiler asks for), a {@link QuestionType} constant with its case in {@code feedback.Aggregator}, and
 * the system texts it shows.
 */
public sealed interface QuestionStep extends Step
    permits RatingStep, SingleChoiceStep, MultipleChoiceStep, YesNoStep, FreeTextStep {

  QuestionType kind();

  /** Where it goes on once answered or skipped. */
  String next();

  /** The options a choice question offers, each with its answer {@code code:}; empty for the other kinds. */
  default List<Option> options() {
    return List.of();
  }

  /** The labels of its numbered answers, in {@code language} (before "0. Prefer not to say"). */
  List<String> labels(Conversations conversations, String language);

  /**
   * What the text records as an answer (a skip is handled before), or null when it answers nothing: the
   * question is asked again.
   */
  Answered answer(String text, Conversations conversations, String language);

  /** An answer: its codes (the choices, the rating, yes/no) or its free text. */
  record Answered(List<String> values, String text) {
    public Answered {
      values = List.copyOf(values);
    }

    static Answered codes(List<String> values) {
      return values.isEmpty() ? null : new Answered(values, null);
    }
  }

  @Override
  default boolean waits() {
    return true;
  }

  @Override
  default List<String> targets() {
    List<String> all = new java.util.ArrayList<>(Step.present(next()));
    options().forEach(o -> all.add(o.next()));
    all.removeIf(java.util.Objects::isNull);
    return all;
  }

  /** The question a flow file's {@code type:} names, read with what its kind takes. */
  static QuestionStep of(QuestionType kind, String id, Text text, String next, List<Option> options, int maxLength,
      boolean requiresPin, Source source) {
    return switch (kind) {
      case RATING -> new RatingStep(id, text, next, requiresPin, source);
      case SINGLE_CHOICE -> new SingleChoiceStep(id, text, next, options, requiresPin, source);
      case MULTIPLE_CHOICE -> new MultipleChoiceStep(id, text, next, options, requiresPin, source);
      case YES_NO -> new YesNoStep(id, text, next, requiresPin, source);
      case FREE_TEXT -> new FreeTextStep(id, text, next, maxLength, requiresPin, source);
    };
  }
}
