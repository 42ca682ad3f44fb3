package org.voz.feedback;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The coarse facts an answer is reported by: language, programme and exit period (a quarter such as
 * {@code 2025-Q3}, never a date). They are the only filter dimensions; nothing finer is ever kept with an
 * answer.
 */
public record Profile(String language, String programme, String exitPeriod) {

  static final Pattern PERIOD = Pattern.compile("[0-9]{4}-Q[1-4]");

  public Profile {
    language = code(language, "language");
    programme = code(programme, "programme");
    exitPeriod = exitPeriod == null || exitPeriod.isBlank() ? "unknown" : exitPeriod;
    if (!exitPeriod.equals("unknown") && !PERIOD.matcher(exitPeriod).matches()) {
      throw new IllegalArgumentException("an exit period is a quarter like 2025-Q3: " + exitPeriod);
    }
  }

  private static String code(String value, String what) {
    if (value == null || value.isBlank()) {
      return "unknown";
    }
    if (!Question.CODE.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a code: " + value);
    }
    return value;
  }

  /** The quarter of an exit date, e.g. 2025-08-14 → {@code 2025-Q3}; {@code unknown} for none. */
  public static String periodOf(LocalDate exit) {
    return exit == null ? "unknown" : exit.getYear() + "-Q" + ((exit.getMonthValue() - 1) / 3 + 1);
  }

  /** The value of one filter dimension. */
  public String get(Filter.Dimension dimension) {
    return switch (dimension) {
      case LANGUAGE -> language;
      case PROGRAMME -> programme;
      case EXIT_PERIOD -> exitPeriod;
    };
  }
}
