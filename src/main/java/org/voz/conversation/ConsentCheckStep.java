package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: consent_check}: selects the first consent in its statuses (e.g. a pending request) not put
 * off in this conversation and goes on to {@code next}, else to {@code none}; no text, no wait. With
 * {@code selected: true} it selects nothing: it asks whether the consent the conversation handles now is in its
 * statuses (e.g. whether the "yes" just given waits for a minor's representative).
 *
 * @param statuses the statuses it looks for ({@code status:}); empty means every status
 * @param selected whether it looks at the selected consent only ({@code selected: true})
 */
public record ConsentCheckStep(String id, Text text, List<String> statuses, String next, String none,
    boolean requiresPin, Source source, boolean selected) implements Step, ConsentStatuses {

  /** A check that selects the first consent in its statuses. */
  public ConsentCheckStep(String id, Text text, List<String> statuses, String next, String none, boolean requiresPin,
      Source source) {
    this(id, text, statuses, next, none, requiresPin, source, false);
  }

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
