package org.voz.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Minor: the one rule of the age of majority")
class MinorTest {

  private static final LocalDate BORN = LocalDate.of(2008, 6, 15);

  @Test
  @DisplayName("a minor until the day before their 18th birthday; an adult on it; no date of birth is no minor")
  void eighteenthBirthday() {
    assertThat(Minor.isMinor(BORN, LocalDate.of(2026, 6, 14))).isTrue();
    assertThat(Minor.isMinor(BORN, LocalDate.of(2026, 6, 15))).isFalse();
    assertThat(Minor.isMinor(BORN, LocalDate.of(2010, 1, 1))).isTrue();
    assertThat(Minor.isMinor(null, LocalDate.of(2026, 6, 14))).isFalse();
    assertThat(Minor.adultOn(BORN)).isEqualTo(LocalDate.of(2026, 6, 15));
  }

  @Test
  @DisplayName("born on 29 February: of age on 28 February of a year without a 29th")
  void leapDay() {
    LocalDate leap = LocalDate.of(2008, 2, 29);
    assertThat(Minor.adultOn(leap)).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(Minor.isMinor(leap, LocalDate.of(2026, 2, 27))).isTrue();
    assertThat(Minor.isMinor(leap, LocalDate.of(2026, 2, 28))).isFalse();
  }

  @Test
  @DisplayName("a date of birth in the future, or more than 120 years ago, is no date of birth")
  void problems() {
    LocalDate today = LocalDate.of(2026, 11, 23);
    assertThat(Minor.problem(today.plusDays(1), today)).isPresent();
    assertThat(Minor.problem(today, today)).isEmpty();
    assertThat(Minor.problem(today.minusYears(120), today)).isEmpty();
    assertThat(Minor.problem(today.minusYears(120).minusDays(1), today)).isPresent();
  }
}
