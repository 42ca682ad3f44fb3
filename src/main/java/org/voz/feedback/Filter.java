package org.voz.feedback;

import java.util.EnumMap;
import java.util.Map;

/**
 * A result filter: equality on some of the three dimensions ({@code null} = any). Ranges of dates are not
 * offered on purpose: two overlapping ranges differ by a handful of people.
 */
public record Filter(String language, String programme, String exitPeriod) {

  public static final Filter NONE = new Filter(null, null, null);

  /** The filter dimensions, in the order {@link Aggregator} tries to enable them. */
  public enum Dimension { LANGUAGE, PROGRAMME, EXIT_PERIOD }

  public Filter {
    language = blankToNull(language);
    programme = blankToNull(programme);
    exitPeriod = blankToNull(exitPeriod);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The constrained dimensions and their values. */
  public Map<Dimension, String> constraints() {
    Map<Dimension, String> c = new EnumMap<>(Dimension.class);
    if (language != null) {
      c.put(Dimension.LANGUAGE, language);
    }
    if (programme != null) {
      c.put(Dimension.PROGRAMME, programme);
    }
    if (exitPeriod != null) {
      c.put(Dimension.EXIT_PERIOD, exitPeriod);
    }
    return c;
  }

  public boolean matches(Profile profile) {
    return constraints().entrySet().stream().allMatch(e -> e.getValue().equals(profile.get(e.getKey())));
  }

  public boolean isNone() {
    return constraints().isEmpty();
  }
}
