package org.voz.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code type: consent_pick}: lists the survivor's consents a page at a time and waits for the number of
 * one (or MORE).
 *
 * @param statuses the statuses it lists ({@code list:}); empty means every status
 * @param pick     status of the picked item to where it leads
 * @param empty    where it goes when nothing is listed ({@code empty:})
 */
public record ConsentPickStep(String id, Text text, List<String> statuses, Map<String, String> pick, String empty,
    boolean requiresPin, Source source) implements Step, ConsentStatuses {

  public ConsentPickStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    pick = pick == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pick));
  }

  @Override
  public boolean waits() {
    return true;
  }

  @Override
  public List<String> targets() {
    List<String> all = new ArrayList<>();
    all.add(empty);
    all.addAll(pick.values());
    all.removeIf(Objects::isNull);
    return all;
  }
}
