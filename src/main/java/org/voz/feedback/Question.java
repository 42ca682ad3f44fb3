package org.voz.feedback;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One survey question. {@code options} are the answer codes: given for the choice types, fixed for the
 * others (rating {@code 1..5}, yes/no {@code yes, no}, none for free text).
 */
public record Question(String id, QuestionType type, List<String> options) {

  public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  public static final List<String> RATINGS = List.of("1", "2", "3", "4", "5");
  public static final List<String> YES_NO = List.of("yes", "no");

  public Question {
    if (id == null || !CODE.matcher(id).matches()) {
      throw new IllegalArgumentException("a question id is 1-64 letters, digits, '.', '_' or '-': " + id);
    }
    if (type == null) {
      throw new IllegalArgumentException("question " + id + " needs a type");
    }
    options = switch (type) {
      case RATING -> RATINGS;
      case YES_NO -> YES_NO;
      case FREE_TEXT -> List.of();
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> choices(id, options);
    };
  }

  public static Question of(String id, QuestionType type, String... options) {
    return new Question(id, type, List.of(options));
  }

  private static List<String> choices(String id, List<String> options) {
    if (options == null || options.size() < 2) {
      throw new IllegalArgumentException("choice question " + id + " needs at least two options");
    }
    if (new HashSet<>(options).size() != options.size() || options.stream().anyMatch(o -> o == null || !CODE.matcher(o).matches())) {
      throw new IllegalArgumentException("options of " + id + " must be distinct codes");
    }
    return List.copyOf(options);
  }

  /** Whether the cells of this question add up to the respondents (one answer each), so that subtraction works. */
  public boolean additive() {
    return type != QuestionType.MULTIPLE_CHOICE && type != QuestionType.FREE_TEXT;
  }
}
