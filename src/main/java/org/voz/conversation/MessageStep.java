package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/** {@code type: message}: says its text and goes on to {@code next} without waiting. */
public record MessageStep(String id, Text text, String next, boolean requiresPin, Source source) implements Step {

  public MessageStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next);
  }
}
