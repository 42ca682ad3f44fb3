package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: pin}: asks for the PIN (4 to 12 digits); once verified, it passes on to {@code next} by itself.
 * The main flow starts with one. It never requires the PIN itself.
 */
public record PinStep(String id, Text text, String next, boolean requiresPin, Source source) implements Step {

  public PinStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public boolean waits() {
    return true;
  }

  @Override
  public List<String> targets() {
    return Step.present(next);
  }
}
