package org.voz.safety;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How much care a survivor's record asks for, as the region's risk protocols grade it: Leve / Medio / Alto. What
 * each level changes is a {@link RiskPolicy} from configuration; what a record's facts demand at least is
 * {@link #floor}. A record stored before levels existed has none: it reads as {@link #LOW}, today's behaviour.
 */
public enum RiskLevel {
  LOW("low"), MEDIUM("medium"), HIGH("high");

  /** The codes, lowest first, as the staff API and the forms write them. */
  public static final List<String> CODES = Arrays.stream(values()).map(RiskLevel::code).toList();

  private final String code;

  RiskLevel(String code) {
    this.code = code;
  }

  /** {@code low}, {@code medium} or {@code high}. */
  public String code() {
    return code;
  }

  /** The level with this code, if it is one. */
  public static Optional<RiskLevel> of(String code) {
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
  }

  /** A stored level, {@code null} (a record from before levels) being {@link #LOW}. */
  public static RiskLevel orLow(RiskLevel level) {
    return level == null ? LOW : level;
  }

  /** This level, or {@code floor} when that is higher. */
  public RiskLevel atLeast(RiskLevel floor) {
    return compareTo(floor) >= 0 ? this : floor;
  }

  /**
   * What a record's facts demand at least, whatever staff set: a minor is {@link #HIGH} (risk-assessment protocols
   * treat a minor as high risk by default), a survivor who needs an interpreter at least {@link #MEDIUM}.
   */
  public static RiskLevel floor(boolean minor, boolean needsInterpreter) {
    return minor ? HIGH : needsInterpreter ? MEDIUM : LOW;
  }
}
