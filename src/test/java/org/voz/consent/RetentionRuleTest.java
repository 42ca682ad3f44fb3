package org.voz.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.feedback.Participation;

@DisplayName("Retention: a record is erased N months after its exit date, its programme's months or the default")
class RetentionRuleTest {

  private static Survivor record(String programme, LocalDate exited) {
    return Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(), "hash", List.of(), Instant.EPOCH)
        .withFeedback(new Participation(false, programme, exited, List.of()));
  }

  @Test
  @DisplayName("the programme's own months, else the default; none without an exit date; a programme given null is kept")
  void eraseOn() {
    Map<String, Integer> programmes = new HashMap<>();
    programmes.put("shelter", 24);
    programmes.put("legal-aid", null);
    RetentionRule rule = new RetentionRule(36, programmes);
    LocalDate exited = LocalDate.of(2025, 1, 31);
    assertThat(rule.eraseOn(record("shelter", exited))).contains(LocalDate.of(2027, 1, 31));
    assertThat(rule.eraseOn(record("other", exited))).contains(LocalDate.of(2028, 1, 31));
    assertThat(rule.eraseOn(record(null, exited))).contains(LocalDate.of(2028, 1, 31));
    assertThat(rule.eraseOn(record("legal-aid", exited))).isEmpty();
    assertThat(rule.eraseOn(record("shelter", null))).as("no exit date: kept").isEmpty();
    assertThat(RetentionRule.KEEP.eraseOn(record("shelter", exited))).isEmpty();
    assertThat(RetentionRule.KEEP.erasesAny()).isFalse();
    assertThat(new RetentionRule(null, Map.of("shelter", 24)).erasesAny()).isTrue();
  }

  @Test
  @DisplayName("a record from before retention facts has no hold and no request; a hold and a request are kept through the withers")
  void recordFacts() {
    Survivor plain = record("shelter", null);
    assertThat(plain.retention()).isEqualTo(Retention.NONE);
    assertThat(plain.retention().held()).isFalse();
    Survivor held = plain.withRetention(plain.retention().withHold(new Retention.Hold("court order", "cm-ana", Instant.EPOCH)));
    assertThat(held.withLanguage("en").withRiskLevel(org.voz.safety.RiskLevel.HIGH).retention().held()).isTrue();
    Retention.ErasureRequest asked = new Retention.ErasureRequest("r1", Instant.EPOCH, Retention.ErasureRequest.OPEN,
        null, null, null, false);
    assertThat(held.withRetention(held.retention().withRequest(asked)).retention().requestOpen()).isTrue();
    assertThat(asked.refused("cm-ana", Instant.EPOCH, "no").open()).isFalse();
    assertThat(asked.refused("cm-ana", Instant.EPOCH, "no").toldSurvivor().told()).isTrue();
  }
}
