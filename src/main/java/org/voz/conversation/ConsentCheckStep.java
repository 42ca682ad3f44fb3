package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: consent_check}: selects the first consent in its statuses (e.g. a pending request) not put
 * off in this conversation and goes on to {@code next}, else to {@code none}; no text, no wait.
 *
 * @param statuses the statuses it looks for ({@code status:}); empty means every status
 */
public record ConsentCheckStep(String id, Text text, List<String> statuses, String next, String none,
    boolean requiresPin, Source source) implements Step, ConsentStatuses {

  public ConsentCheckStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  @Override
  public List<String> targets() {
    return Step.present(next, none);
  }
}
