package org.voz.conversation;

import java.util.Map;
import java.util.Objects;

/**
 * One conversation flow, from one YAML file.
 *
 * @param start       the id of its first step
 * @param requiresPin whether it may only run once the PIN is verified (it shows personal things)
 * @param steps       its steps by id, in file order
 * @param survey      the survey id when the flow is a survey ({@code survey:}), else null
 */
public record Flow(String id, String version, String start, boolean requiresPin, Map<String, Step> steps, Source source,
    String survey) {

  public Flow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
  }

  public Step step(String stepId) {
    return steps.get(stepId);
  }
}
