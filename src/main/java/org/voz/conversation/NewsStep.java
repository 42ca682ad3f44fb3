package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: news}: says its text once for each "what we changed" update kept for the survivor and not read yet
 * ({@code {news}} is the update's text in their language), marks each read, and goes on to {@code next} without
 * waiting; with none, it says nothing. Only once the PIN is verified: the phone got only the neutral nudge.
 */
public record NewsStep(String id, Text text, String next, boolean requiresPin, Source source) implements Step {

  /** The variable that holds the update's text. */
  public static final String VARIABLE = "news";

  public NewsStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public List<String> targets() {
    return Step.present(next);
  }
}
