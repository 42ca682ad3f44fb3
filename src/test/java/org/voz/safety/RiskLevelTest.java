package org.voz.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Risk levels: the floor a record's facts demand, the rules of setting a level, the shipped policies")
class RiskLevelTest {

  @Test
  @DisplayName("codes low, medium, high; a record without a level reads as low")
  void codes() {
    assertThat(RiskLevel.CODES).containsExactly("low", "medium", "high");
    assertThat(RiskLevel.of("medium")).contains(RiskLevel.MEDIUM);
    assertThat(RiskLevel.of("Alto")).isEmpty();
    assertThat(RiskLevel.orLow(null)).isEqualTo(RiskLevel.LOW);
  }

  @Test
  @DisplayName("a minor is high, an interpreter need at least medium; a higher level set by staff stands")
  void floor() {
    assertThat(RiskLevel.floor(false, false)).isEqualTo(RiskLevel.LOW);
    assertThat(RiskLevel.floor(false, true)).isEqualTo(RiskLevel.MEDIUM);
    assertThat(RiskLevel.floor(true, true)).isEqualTo(RiskLevel.HIGH);
    assertThat(RiskLevel.LOW.atLeast(RiskLevel.MEDIUM)).isEqualTo(RiskLevel.MEDIUM);
    assertThat(RiskLevel.HIGH.atLeast(RiskLevel.MEDIUM)).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  @DisplayName("a level below the floor is refused, naming riskLevel: a minor's anything but high, an interpreter's low")
  void belowFloor() {
    assertThat(RiskRules.belowFloor(RiskLevel.MEDIUM, true, false)).get()
        .extracting(RiskRules.Problem::field).isEqualTo("riskLevel");
    assertThat(RiskRules.belowFloor(RiskLevel.HIGH, true, false)).isEmpty();
    assertThat(RiskRules.belowFloor(RiskLevel.LOW, false, true)).isPresent();
    assertThat(RiskRules.belowFloor(RiskLevel.MEDIUM, false, true)).isEmpty();
    assertThat(RiskRules.belowFloor(RiskLevel.LOW, false, false)).isEmpty();
  }

  @Test
  @DisplayName("what each shipped level requires: high a duress PIN, medium a contact window of its own, low nothing")
  void requirements() {
    assertThat(RiskRules.unmet(RiskPolicy.HIGH, RiskLevel.HIGH, false, true)).get()
        .extracting(RiskRules.Problem::field).isEqualTo("duressPin");
    assertThat(RiskRules.unmet(RiskPolicy.HIGH, RiskLevel.HIGH, true, false)).isEmpty();
    assertThat(RiskRules.unmet(RiskPolicy.MEDIUM, RiskLevel.MEDIUM, false, false)).get()
        .extracting(RiskRules.Problem::field).isEqualTo("contactWindow");
    assertThat(RiskRules.unmet(RiskPolicy.MEDIUM, RiskLevel.MEDIUM, false, true)).isEmpty();
    assertThat(RiskRules.unmet(RiskPolicy.LOW, RiskLevel.LOW, false, false)).isEmpty();
  }

  @Test
  @DisplayName("the shipped policies: low is today's behaviour; high 5 idle minutes, urgent alerts to the phone, no co-design")
  void shipped() {
    assertThat(RiskPolicies.DEFAULTS.of(null)).isEqualTo(RiskPolicy.LOW);
    assertThat(RiskPolicy.LOW.idleTimeout(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
    assertThat(RiskPolicy.LOW.writeFirst() && RiskPolicy.LOW.smsFallback() && RiskPolicy.LOW.codesignInvitations()).isTrue();
    assertThat(RiskPolicy.LOW.urgentAlerts() || RiskPolicy.LOW.alertsToPhone() || RiskPolicy.LOW.duressPinRequired()
        || RiskPolicy.LOW.contactWindowRequired() || RiskPolicy.LOW.invitationsOnSafeChannelOnly()).isFalse();
    RiskPolicy high = RiskPolicies.DEFAULTS.of(RiskLevel.HIGH);
    assertThat(high.idleTimeout(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(5));
    assertThat(high.writeFirst() || high.smsFallback() || high.codesignInvitations()).isFalse();
    assertThat(high.urgentAlerts() && high.alertsToPhone() && high.duressPinRequired()).isTrue();
    RiskPolicy medium = RiskPolicies.DEFAULTS.of(RiskLevel.MEDIUM);
    assertThat(medium.contactWindowRequired() && medium.invitationsOnSafeChannelOnly() && medium.writeFirst()).isTrue();
    assertThatThrownBy(() -> new RiskPolicy(true, true, Duration.ofSeconds(30), false, false, false, false, false, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
  }
}
