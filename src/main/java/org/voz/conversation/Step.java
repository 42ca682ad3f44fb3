package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a flow.
 *
 * @param type      what the step does (see {@link Type})
 * @param text      its prompt or message, in every language
 * @param next      where it goes on ({@code step}, {@code flow}, {@code flow.step}); null for choice and end
 * @param options   the numbered options of a choice step
 * @param save      the variable an input step saves the answer into
 * @param maxLength the longest answer an input step accepts
 * @param pattern   a regular expression the whole answer must match, or null
 * @param requiresPin whether it may only be shown or answered once the PIN is verified (its own
 *                  {@code requires_pin:} or its flow's)
 */
public record Step(
    String id, Type type, Text text, String next, List<Option> options,
    String save, int maxLength, Pattern pattern, boolean requiresPin, Source source) {

  public enum Type {
    PIN, CHOICE, INPUT, MESSAGE, END;

    /** Whether the step waits for the survivor's answer. */
    public boolean waits() {
      return this == PIN || this == CHOICE || this == INPUT;
    }
  }

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }
}
