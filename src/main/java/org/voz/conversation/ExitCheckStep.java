package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: exit_check}: goes on to {@code next} in the first conversation after a quick exit (once, once
 * verified), else to {@code none}; no text, no wait. Where a survivor who had to leave in a hurry is offered a
 * person.
 */
public record ExitCheckStep(String id, Text text, String next, String none, boolean requiresPin, Source source)
    implements Step {

  public ExitCheckStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next, none);
  }
}
