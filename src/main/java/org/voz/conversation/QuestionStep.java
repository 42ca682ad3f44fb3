package org.voz.conversation;

import java.util.List;
import org.voz.feedback.AnswerShape;
import org.voz.feedback.Question;

/**
 * A survey question (see {@link SurveySteps}): every one waits, and every one can be skipped with 0. Each kind of
 * question is one record that owns everything about its kind: its {@link QuestionKind} ({@code type:} name and
 * how a step is read, with what it checks), the numbered answers it shows, what an answer records, and the
 * {@link AnswerShape shape} of its answers, which is all the aggregation needs to know of it.
 *
 * <p>Not sealed: a new kind is a new record implementing this, listed in {@link QuestionKind#builtIn()} (or, in a
 * test, passed to {@link Conversations#load(java.nio.file.Path, List)}), with the texts it shows. Only a shape
 * of answers that is not in {@link AnswerShape} yet needs a case in {@code feedback.Aggregator} as well.
 */
public non-sealed interface QuestionStep extends Step {

  /** Its kind: the {@code type:} that names it, and how it is read. */
  QuestionKind kind();

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

  /**
   * The system texts ({@code conversations/system.yaml}) it shows or reads answers by, besides the skip's, e.g.
   * yes/no's {@code survey_yes} and {@code survey_no}: the validator requires each in every language.
   */
  default List<String> systemTexts() {
    return List.of();
  }

  /** The shape of its answers, as they are counted ({@link Answered#values()} are its codes). */
  AnswerShape shape();

  /**
   * The question as the survey model knows it: its id, kind and answer shape.
   *
   * @throws IllegalArgumentException when the step's options do not make a question (the validator says which)
   */
  default Question question() {
    try {
      return new Question(id(), kind().name(), shape());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("question " + id() + ": " + e.getMessage(), e);
    }
  }

  /** An answer: its codes (the choices, the rating, yes/no) or its free text. */
  record Answered(List<String> values, String text) {
    public Answered {
      values = List.copyOf(values);
    }

    /** The codes chosen; null (nothing answered) when there are none. */
    public static Answered codes(List<String> values) {
      return values.isEmpty() ? null : new Answered(values, null);
    }
  }

  /**
   * What the step reader found for a question step, for its kind's {@link QuestionKind#reader()}.
   *
   * @param max      its {@code max:} (the longest answer; {@link Normalizer#MAX_INPUT} when not given)
   * @param settings every other scalar key of the step, as written (a kind's own settings)
   */
  record Fields(String id, Text text, String next, List<Option> options, int max, boolean requiresPin, Source source,
      java.util.Map<String, String> settings) {
    public Fields {
      options = List.copyOf(options);
      settings = java.util.Map.copyOf(settings);
    }

    /** A setting of the step's own ({@code key: value}), if it has it. */
    public java.util.Optional<String> setting(String key) {
      return java.util.Optional.ofNullable(settings.get(key));
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
}
