package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: survey_check}: selects the survivor's first open survey invitation and goes on to
 * {@code next}, else to {@code none}; no text, no wait.
 */
public record SurveyCheckStep(String id, Text text, String next, String none, boolean requiresPin, Source source)
    implements Step {

  public SurveyCheckStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next, none);
  }
}
