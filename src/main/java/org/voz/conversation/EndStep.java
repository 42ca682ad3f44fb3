package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/** {@code type: end}: says its text and ends the conversation; it leads nowhere. */
public record EndStep(String id, Text text, boolean requiresPin, Source source) implements Step {

  public EndStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return List.of();
  }
}
