package org.voz.safety;

import java.util.Objects;

/** The policy of each risk level (configuration {@code risk.low}, {@code risk.medium}, {@code risk.high}). */
public record RiskPolicies(RiskPolicy low, RiskPolicy medium, RiskPolicy high) {

  /** The shipped defaults. */
  public static final RiskPolicies DEFAULTS = new RiskPolicies(RiskPolicy.LOW, RiskPolicy.MEDIUM, RiskPolicy.HIGH);

  public RiskPolicies {
    Objects.requireNonNull(low, "risk.low");
    Objects.requireNonNull(medium, "risk.medium");
    Objects.requireNonNull(high, "risk.high");
  }

  public RiskPolicy of(RiskLevel level) {
    return switch (RiskLevel.orLow(level)) {
      case LOW -> low;
      case MEDIUM -> medium;
      case HIGH -> high;
    };
  }
}
