package org.voz.conversation;

import java.util.Map;
import java.util.Objects;

/** A step of a flow; {@link #resolve} reads the {@code next:} forms {@code step}, {@code flow}, {@code flow.step}. */
public record StepRef(String flow, String step) {

  public StepRef {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(step, "step");
  }

  /** Where {@code next} written in flow {@code from} leads, or null if nowhere. */
  public static StepRef resolve(Map<String, Flow> flows, String from, String next) {
    if (next == null || next.isBlank()) {
      return null;
    }
    Flow own = flows.get(from);
    if (own != null && own.step(next) != null) {
      return new StepRef(from, next);
    }
    int dot = next.indexOf('.');
    if (dot > 0) {
      Flow other = flows.get(next.substring(0, dot));
      String step = next.substring(dot + 1);
      return other != null && other.step(step) != null ? new StepRef(other.id(), step) : null;
    }
    Flow other = flows.get(next);
    return other != null && other.step(other.start()) != null ? new StepRef(other.id(), other.start()) : null;
  }
}
