package org.voz.feedback;

import java.util.List;

/** Test-data builders: questions of the shipped kinds, as their survey steps make them. */
final class Questions {

  private Questions() {}

  static Question rating(String id) {
    return new Question(id, "rating", AnswerShape.Scale.of(1, 5));
  }

  static Question yesNo(String id) {
    return new Question(id, "yes_no", new AnswerShape.OneOf(List.of("yes", "no")));
  }

  static Question single(String id, String... codes) {
    return new Question(id, "single_choice", new AnswerShape.OneOf(List.of(codes)));
  }

  static Question multiple(String id, String... codes) {
    return new Question(id, "multiple_choice", new AnswerShape.AnyOf(List.of(codes)));
  }

  static Question freeText(String id) {
    return new Question(id, "free_text", new AnswerShape.FreeText());
  }
}
