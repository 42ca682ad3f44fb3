package org.voz.feedback;

import java.util.HashSet;
import java.util.List;

/**
 * What the answers to a question are, as they are counted: the one thing the {@link Aggregator} tells questions
 * apart by, with one case for each shape. A kind of question (its step in a survey flow) says which shape its
 * answers have, and several kinds share one: a single choice and a yes/no question are both {@link OneOf}.
 *
 * <p>A new shape is a record here and its case in {@code Aggregator.tally} (a test there checks that every shape
 * has one); a new kind of question whose answers have a shape already here needs neither.
 */
public sealed interface AnswerShape {

  /** The answer codes, in order (the cells of the results); none for free text. */
  List<String> codes();

  /** Whether an answer's values and text (a skip is checked before) are an answer of this shape. */
  boolean fits(List<String> values, String text);

  /** Exactly one of at least two distinct codes: a single choice, yes or no. */
  record OneOf(List<String> codes) implements AnswerShape {
    public OneOf {
      codes = distinctCodes(codes);
    }

    @Override
    public boolean fits(List<String> values, String text) {
      return text == null && values.size() == 1 && codes.contains(values.get(0));
    }
  }

  /** One number of a scale (a rating from 1 to 5): counted as {@link OneOf}, and its mean is published. */
  record Scale(List<String> codes) implements AnswerShape {
    public Scale {
      codes = distinctCodes(codes);
      if (codes.stream().anyMatch(c -> !c.matches("-?[0-9]{1,9}"))) {
        throw new IllegalArgumentException("the options of a scale are whole numbers");
      }
    }

    /** The whole numbers from {@code from} to {@code to}, in order. */
    public static Scale of(int from, int to) {
      return new Scale(java.util.stream.IntStream.rangeClosed(from, to).mapToObj(String::valueOf).toList());
    }

    @Override
    public boolean fits(List<String> values, String text) {
      return text == null && values.size() == 1 && codes.contains(values.get(0));
    }
  }

  /** One or more distinct codes (a multiple choice): the cells do not add up to the respondents. */
  record AnyOf(List<String> codes) implements AnswerShape {
    public AnyOf {
      codes = distinctCodes(codes);
    }

    @Override
    public boolean fits(List<String> values, String text) {
      return text == null && !values.isEmpty() && codes.containsAll(values)
          && values.stream().distinct().count() == values.size();
    }
  }

  /** The survivor's own words: counted as answered or skipped; shown only shared, redacted, and k at least. */
  record FreeText() implements AnswerShape {
    @Override
    public List<String> codes() {
      return List.of();
    }

    @Override
    public boolean fits(List<String> values, String text) {
      return text != null && values.isEmpty();
    }
  }

  private static List<String> distinctCodes(List<String> codes) {
    if (codes == null || codes.size() < 2) {
      throw new IllegalArgumentException("needs at least two options");
    }
    if (new HashSet<>(codes).size() != codes.size() || codes.stream().anyMatch(o -> o == null || !Question.CODE.matcher(o).matches())) {
      throw new IllegalArgumentException("options must be distinct codes");
    }
    return List.copyOf(codes);
  }
}
