package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A kind of survey question: the {@code type:} that names it in flow files (and in reports), and how a step of
 * that type is read from what the step reader found. Each kind is declared by its own step record
 * ({@code RatingStep.KIND}, …), which owns the rest: the answers it shows, how it reads an answer, and the shape
 * of its answers for the aggregation ({@link QuestionStep}).
 *
 * @param name   the flow files' {@code type:}, lower case
 * @param reader builds the step; throws {@link IllegalArgumentException} with the reason when what the file
 *               gives does not make one (the validator reports it as an error at the step)
 */
public record QuestionKind(String name, Function<QuestionStep.Fields, QuestionStep> reader) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public QuestionKind {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a question kind's name is a short lower-case word: " + name);
    }
    if (StepReader.TYPES.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is the type of a step that is no question");
    }
    Objects.requireNonNull(reader, "reader");
  }

  /** The kinds Voz ships: a new kind in Voz itself is its step file and its line here. */
  public static List<QuestionKind> builtIn() {
    return List.of(RatingStep.KIND, YesNoStep.KIND, SingleChoiceStep.KIND, MultipleChoiceStep.KIND, FreeTextStep.KIND);
  }
}
