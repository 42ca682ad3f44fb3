package org.voz.safety;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a person is a minor: the one place the age of majority is decided, from a date of birth and today's date
 * (the caller's clock: this class reads none). A person born on 29 February comes of age on 28 February of a year
 * that has no 29th ({@link LocalDate#plusYears}).
 */
public final class Minor {

  /** The age of majority. */
  public static final int AGE_OF_MAJORITY = 18;
  /** A date of birth further back than this is taken for a typing mistake. */
  public static final int OLDEST = 120;

  private Minor() {}

  /** Whether someone born on {@code dateOfBirth} is under {@value #AGE_OF_MAJORITY} on {@code today}; no date: no. */
  public static boolean isMinor(LocalDate dateOfBirth, LocalDate today) {
    return dateOfBirth != null && today.isBefore(adultOn(dateOfBirth));
  }

  /** The day someone born on {@code dateOfBirth} comes of age (the day they leave minors' rules). */
  public static LocalDate adultOn(LocalDate dateOfBirth) {
    return dateOfBirth.plusYears(AGE_OF_MAJORITY);
  }

  /** Why {@code dateOfBirth} cannot be one (after today, or more than {@value #OLDEST} years ago), if it cannot. */
  public static Optional<String> problem(LocalDate dateOfBirth, LocalDate today) {
    if (dateOfBirth.isAfter(today)) {
      return Optional.of("a date of birth cannot be in the future");
    }
    if (dateOfBirth.isBefore(today.minusYears(OLDEST))) {
      return Optional.of("a date of birth more than " + OLDEST + " years ago");
    }
    return Optional.empty();
  }
}
