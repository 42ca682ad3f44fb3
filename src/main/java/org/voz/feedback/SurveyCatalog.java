package org.voz.feedback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The surveys campaigns can use. Built in for now: the exit survey. When survey flows are read from
 * {@code conversations/}, the loader builds this catalog from them instead.
 */
public final class SurveyCatalog {

  private final Map<String, Survey> surveys = new TreeMap<>();

  public SurveyCatalog(List<Survey> surveys) {
    surveys.forEach(s -> this.surveys.put(s.id(), s));
  }

  public static SurveyCatalog builtIn() {
    return new SurveyCatalog(List.of(new Survey("exit", List.of(
        Question.of("overall", QuestionType.RATING),
        Question.of("respected", QuestionType.YES_NO),
        Question.of("most-helpful", QuestionType.SINGLE_CHOICE, "housing", "legal", "health", "work", "other",
            Safeguarding.COMPLAINT),
        Question.of("needed", QuestionType.MULTIPLE_CHOICE, "housing", "legal", "health", "work", "family", "other"),
        Question.of("change", QuestionType.FREE_TEXT)))));
  }

  public Optional<Survey> find(String id) {
    return Optional.ofNullable(surveys.get(id));
  }
}
