package org.voz.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code type: choice}: the text and numbered options; each option leads on ({@code next:}) and may act. */
public record ChoiceStep(String id, Text text, List<Option> options, boolean requiresPin, Source source)
    implements Step {

  public ChoiceStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  @Override
  public boolean waits() {
    return true;
  }

  @Override
  public List<String> targets() {
    List<String> all = new ArrayList<>();
    options.forEach(o -> all.add(o.next()));
    all.removeIf(Objects::isNull);
    return all;
  }
}
