package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.consent.Survivor;
import org.voz.safety.RiskLevel;

@DisplayName("A stored survivor record: its date of birth and risk level kept; a record stored before them reads as low")
class StoredSurvivorTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  private static Survivor record(LocalDate born, RiskLevel level) {
    return Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(new Survivor.Contact("sms", "+50255550147")), "hash",
        List.of(), Instant.parse("2026-01-01T00:00:00Z")).withDateOfBirth(born).withRiskLevel(level);
  }

  @Test
  @DisplayName("written and read back: the same record")
  void roundTrip() {
    Survivor s = record(LocalDate.of(2011, 5, 31), RiskLevel.HIGH);
    Survivor read = Json.read(Json.write(s), Survivor.class);
    assertThat(read.dateOfBirth()).isEqualTo(LocalDate.of(2011, 5, 31));
    assertThat(read.riskLevel()).isEqualTo(RiskLevel.HIGH);
    assertThat(read).isEqualTo(s);
  }

  @Test
  @DisplayName("a record written before levels existed (no dateOfBirth, no riskLevel) reads as low")
  void olderRecord() {
    JsonObject stored = new JsonObject(Json.write(record(null, RiskLevel.MEDIUM)));
    stored.remove("dateOfBirth");
    stored.remove("riskLevel");
    Survivor read = Json.read(stored.encode(), Survivor.class);
    assertThat(read.riskLevel()).isNull();
    assertThat(read.risk(TODAY)).isEqualTo(RiskLevel.LOW);
  }

  @Test
  @DisplayName("a minor's representative and the day their coming of age was noted are kept; a record without them reads none")
  void representative() {
    Survivor s = record(LocalDate.of(2011, 5, 31), RiskLevel.HIGH)
        .withRepresentative(new org.voz.consent.Representative("María López", "madre",
            List.of(new Survivor.Contact("sms", "+50255599999"))))
        .withAdultNoted(LocalDate.of(2029, 5, 31));
    Survivor read = Json.read(Json.write(s), Survivor.class);
    assertThat(read).isEqualTo(s);
    assertThat(read.representative().contacts()).containsExactly(new Survivor.Contact("sms", "+50255599999"));

    JsonObject stored = new JsonObject(Json.write(s));
    stored.remove("representative");
    stored.remove("adultNoted");
    Survivor older = Json.read(stored.encode(), Survivor.class);
    assertThat(older.representative()).isNull();
    assertThat(older.adultNoted()).isNull();
    assertThat(s.withDateOfBirth(LocalDate.of(2011, 5, 31)).adultNoted()).as("the same date keeps the note")
        .isEqualTo(LocalDate.of(2029, 5, 31));
    assertThat(s.withDateOfBirth(LocalDate.of(2012, 5, 31)).adultNoted()).as("another date drops it").isNull();
  }
}
