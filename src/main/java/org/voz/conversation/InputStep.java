package org.voz.conversation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code type: input}: free text saved into a variable, or taken by an action.
 *
 * @param save      the variable the answer is saved into
 * @param maxLength the longest answer it accepts
 * @param pattern   a regular expression the whole answer must match, or null
 * @param actions   what answering does besides saving ({@code record_reason}, {@code open_file_request})
 * @param skip      words per language that skip it without saving anything
 * @param skipped   where a skipped input goes on (default: {@code next})
 */
public record InputStep(String id, Text text, String next, String save, int maxLength, Pattern pattern,
    List<Action> actions, Map<String, List<String>> skip, String skipped, boolean requiresPin, Source source)
    implements Step {

  public InputStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    actions = actions == null ? List.of() : List.copyOf(actions);
    skip = skip == null ? Map.of() : Map.copyOf(skip);
  }

  @Override
  public boolean waits() {
    return true;
  }

  @Override
  public List<String> targets() {
    return Step.present(next, skipped);
  }
}
