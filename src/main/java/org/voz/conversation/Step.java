package org.voz.conversation;

import java.util.List;

/**
 * One step of a flow: one record per {@code type:} of the flow files, each holding only what its type
 * reads. The engine tells them apart with {@code instanceof} (a {@code switch} over patterns is not in Java
 * 17); what differs between survey questions is a method of each question's own record ({@link QuestionStep}).
 *
 * <p>Every step has an id, a text in every language (empty for the checks, which show none), whether it may
 * only be shown or answered once the PIN is verified (its own {@code requires_pin:} or its flow's), and
 * where it was read. Where it goes on ({@code next:} and the like) is the type's own: {@link #targets()}
 * lists all of it for the validator.
 */
public sealed interface Step
    permits PinStep, ChoiceStep, InputStep, MessageStep, EndStep, ConsentPickStep, ConsentCheckStep,
        SurveyCheckStep, SurveyDoneStep, QuestionStep, ExitCheckStep, NewsStep, ErasureNewsStep {

  String id();

  /** Its prompt or message, in every language. */
  Text text();

  /** Whether it may only be shown or answered once the PIN is verified. */
  boolean requiresPin();

  Source source();

  /** Every {@code next:}-like target of the step and its options ({@code step}, {@code flow}, {@code flow.step}). */
  List<String> targets();

  /** Whether the step waits for the survivor's answer (the checks and messages go on by themselves). */
  default boolean waits() {
    return false;
  }

  /** The numbered options of a choice or a choice question; empty for every other step. */
  static List<Option> optionsOf(Step step) {
    if (step instanceof ChoiceStep choice) {
      return choice.options();
    }
    return step instanceof QuestionStep question ? question.options() : List.of();
  }

  /** The targets given, the absent ones (null) left out. */
  static List<String> present(String... targets) {
    return java.util.Arrays.stream(targets).filter(java.util.Objects::nonNull).toList();
  }
}
