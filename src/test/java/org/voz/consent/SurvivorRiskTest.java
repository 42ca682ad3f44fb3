package org.voz.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.safety.RiskLevel;

@DisplayName("A record's risk level: what staff set, raised to what its facts demand")
class SurvivorRiskTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  private static Survivor record(LocalDate born, RiskLevel set, boolean interpreter) {
    return Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(), "hash", List.of(), Instant.EPOCH)
        .withNeedsInterpreter(interpreter).withDateOfBirth(born).withRiskLevel(set);
  }

  @Test
  @DisplayName("a record from before levels reads as low; a level set stands")
  void setOrLow() {
    assertThat(record(null, null, false).risk(TODAY)).isEqualTo(RiskLevel.LOW);
    assertThat(record(null, RiskLevel.MEDIUM, false).risk(TODAY)).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  @DisplayName("a minor is high whatever was set, until their 18th birthday; an interpreter need at least medium")
  void floors() {
    LocalDate born = TODAY.minusYears(18).plusDays(1);
    assertThat(record(born, RiskLevel.LOW, false).risk(TODAY)).isEqualTo(RiskLevel.HIGH);
    assertThat(record(born, RiskLevel.LOW, false).risk(TODAY.plusDays(1))).isEqualTo(RiskLevel.LOW);
    assertThat(record(null, null, true).risk(TODAY)).isEqualTo(RiskLevel.MEDIUM);
    assertThat(record(null, RiskLevel.HIGH, true).risk(TODAY)).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  @DisplayName("the withers keep the date of birth and the level")
  void withers() {
    Survivor s = record(TODAY.minusYears(10), RiskLevel.HIGH, false).withLanguage("en").withNeedsInterpreter(true)
        .withContacts(List.of());
    assertThat(s.dateOfBirth()).isEqualTo(TODAY.minusYears(10));
    assertThat(s.riskLevel()).isEqualTo(RiskLevel.HIGH);
    assertThat(s.withRiskLevel(RiskLevel.MEDIUM).withDateOfBirth(null).risk(TODAY)).isEqualTo(RiskLevel.MEDIUM);
  }
}
