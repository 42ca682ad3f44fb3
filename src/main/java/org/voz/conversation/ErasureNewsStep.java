package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: erasure_news}: when the survivor's request to erase their data was refused and they were not told yet,
 * says its text once ({@code {erasure_reason}} is their case manager's reason) and marks it told; then goes on to
 * {@code next} without waiting. With nothing to tell, it says nothing. Only once the PIN is verified: the phone got
 * only the neutral nudge.
 */
public record ErasureNewsStep(String id, Text text, String next, boolean requiresPin, Source source) implements Step {

  /** The variable that holds the case manager's reason. */
  public static final String VARIABLE = "erasure_reason";

  public ErasureNewsStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next);
  }
}
