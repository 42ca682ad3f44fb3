package org.voz.feedback;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One survey question: its id, its kind as flow files and reports name it ({@code rating}, {@code yes_no}, …; the
 * kinds are the survey steps of {@code conversation}), and the shape of its answers, which is all the aggregation
 * needs to know of it.
 */
public record Question(String id, String type, AnswerShape shape) {

  public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public Question {
    if (id == null || !CODE.matcher(id).matches()) {
      throw new IllegalArgumentException("a question id is 1-64 letters, digits, '.', '_' or '-': " + id);
    }
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("question " + id + " needs a type");
    }
    if (shape == null) {
      throw new IllegalArgumentException("question " + id + " needs the shape of its answers");
    }
  }

  /** The answer codes ({@link AnswerShape#codes()}): the options of a choice, the numbers of a scale, none for free text. */
  public List<String> options() {
    return shape.codes();
  }
}
