package org.voz.conversation;

import java.util.List;
import org.voz.feedback.Question;
import org.voz.feedback.Survey;

/** The survey a survey flow defines: one question per question step (its id), in file order. */
final class SurveyModels {

  private SurveyModels() {}

  /** @throws IllegalArgumentException when the flow's questions do not make a survey (the validator says why) */
  static Survey of(Flow flow) {
    List<Question> questions = flow.steps().values().stream()
        .filter(QuestionStep.class::isInstance).map(QuestionStep.class::cast)
        .map(QuestionStep::question)
        .toList();
    return new Survey(flow.survey(), questions);
  }
}
