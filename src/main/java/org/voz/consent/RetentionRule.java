package org.voz.consent;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * How long a record is kept once its case closed: erased {@code months} after the day the survivor left their
 * programme (the record's exit date, {@code feedback.exitedOn}), the months of their programme if it has its own,
 * else the default; {@code null} months: kept (no retention). A record without an exit date is kept.
 *
 * @param months     the default, in months after the exit date, or {@code null}: records are kept
 * @param programmes months per programme code, {@code null} for a programme whose records are kept (a value of 0 or
 *                   less is refused by the configuration checks)
 */
public record RetentionRule(Integer months, Map<String, Integer> programmes) {

  public static final RetentionRule KEEP = new RetentionRule(null, Map.of());

  public RetentionRule {
    // a programme may say null (its records kept, whatever the default): not Map.copyOf, which refuses null values
    programmes = programmes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(programmes));
  }

  /** Whether any record can be erased under this rule. */
  public boolean erasesAny() {
    return months != null || programmes.values().stream().anyMatch(java.util.Objects::nonNull);
  }

  /** The months that apply to {@code programme} (its own, else the default), if any. */
  public Optional<Integer> monthsFor(String programme) {
    if (programme != null && programmes.containsKey(programme)) {
      return Optional.ofNullable(programmes.get(programme));
    }
    return Optional.ofNullable(months);
  }

  /** The day {@code survivor}'s record is to be erased, if a retention applies to it. */
  public Optional<LocalDate> eraseOn(Survivor survivor) {
    LocalDate exited = survivor.feedback().exitedOn();
    if (exited == null) {
      return Optional.empty();
    }
    return monthsFor(survivor.feedback().programme()).map(m -> exited.plusMonths(m));
  }
}
