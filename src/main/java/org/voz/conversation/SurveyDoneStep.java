package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: survey_done}: a message that marks the survey complete (the survivor answered or skipped
 * every question), then goes on to {@code next}.
 */
public record SurveyDoneStep(String id, Text text, String next, boolean requiresPin, Source source) implements Step {

  public SurveyDoneStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next);
  }
}
