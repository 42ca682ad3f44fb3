package org.voz.safety;

import java.util.Optional;

/**
 * The rules of a record's risk level when staff set it (at enrolment, or a change by the case manager): it may not be
 * lower than the record's facts demand ({@link RiskLevel#floor}: a minor is high, a survivor who needs an interpreter at
 * least medium), and what the level's policy requires the record to have (a duress PIN, a contact window of its own).
 * Pure: the callers answer each {@link Problem} as a 4xx naming its field.
 */
public final class RiskRules {

  /** The error word of a level below what the record's facts demand. */
  public static final String BELOW_FLOOR = "below_risk_floor";
  /** The error word of something a level's policy requires and the record lacks. */
  public static final String REQUIRED = "required_by_risk_level";

  /** What is wrong, and with which field of the request. */
  public record Problem(String field, String message) {}

  private RiskRules() {}

  /** Why {@code level} cannot be set on a record with these facts, if it cannot. */
  public static Optional<Problem> belowFloor(RiskLevel level, boolean minor, boolean needsInterpreter) {
    if (minor && level != RiskLevel.HIGH) {
      return Optional.of(new Problem("riskLevel", "a minor's risk level is high, and cannot be lowered while they are a minor"));
    }
    if (needsInterpreter && level == RiskLevel.LOW) {
      return Optional.of(new Problem("riskLevel",
          "a survivor who needs an interpreter is at least medium (clear needsInterpreter first)"));
    }
    return Optional.empty();
  }

  /** What {@code policy} (of {@code level}) requires that the record lacks, if anything. */
  public static Optional<Problem> unmet(RiskPolicy policy, RiskLevel level, boolean duressPin, boolean ownWindow) {
    if (policy.duressPinRequired() && !duressPin) {
      return Optional.of(new Problem("duressPin", "risk level " + level.code() + " requires a duress PIN"));
    }
    if (policy.contactWindowRequired() && !ownWindow) {
      return Optional.of(new Problem("contactWindow", "risk level " + level.code() + " requires a contact window"));
    }
    return Optional.empty();
  }
}
