package org.voz.conversation;

import java.util.List;
import org.voz.feedback.Question;
import org.voz.feedback.QuestionType;
import org.voz.feedback.Survey;

/** The survey a survey flow defines: one question per question step (its id), in file order. */
final class SurveyModels {

  private SurveyModels() {}

  /** @throws IllegalArgumentException when the flow's questions do not make a survey (the validator says why) */
  static Survey of(Flow flow) {
    List<Question> questions = flow.steps().values().stream().filter(s -> s.type().question())
        .map(s -> new Question(s.id(), type(s.type()), s.options().stream().map(Option::code).toList()))
        .toList();
    return new Survey(flow.survey(), questions);
  }

  static QuestionType type(Step.Type type) {
    return switch (type) {
      case RATING -> QuestionType.RATING;
      case SINGLE_CHOICE -> QuestionType.SINGLE_CHOICE;
      case MULTIPLE_CHOICE -> QuestionType.MULTIPLE_CHOICE;
      case YES_NO -> QuestionType.YES_NO;
      case FREE_TEXT -> QuestionType.FREE_TEXT;
      default -> throw new IllegalArgumentException(type + " is no question");
    };
  }
}
