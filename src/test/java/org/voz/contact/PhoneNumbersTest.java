package org.voz.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Phone numbers as staff write them (libphonenumber)")
class PhoneNumbersTest {

  private final PhoneNumbers guatemala = new PhoneNumbers("gt");

  @Test
  @DisplayName("the international and the national form of a number are the same E.164 number")
  void forms() {
    for (String written : List.of("+502 5555 0147", "+50255550147", "5555 0147", "5555-0147", "(502) 5555-0147",
        "+502.5555.0147")) {
      assertThat(guatemala.e164(written)).as(written).contains("+50255550147");
    }
    assertThat(guatemala.e164("+593 99 123 4567")).as("another country's, with its code").contains("+593991234567");
    assertThat(guatemala.region()).isEqualTo("GT");
  }

  @Test
  @DisplayName("no possible number: too short or too long for its country, letters, blank, national without a region")
  void impossible() {
    for (String written : List.of("+502 555", "555 0147", "+502 5555 0147 99", "5555 abcd", "1-800-FLOWERS", "", "  ",
        "+", "5555 0147 ext. 12")) {
      assertThat(guatemala.e164(written)).as(written).isEmpty();
    }
    assertThat(guatemala.e164(null)).isEmpty();
    assertThat(PhoneNumbers.international().e164("5555 0147")).as("no programme country").isEmpty();
    assertThat(PhoneNumbers.international().e164("+502 5555 0147")).contains("+50255550147");
  }

  @Test
  @DisplayName("an unknown region is refused (configuration)")
  void unknownRegion() {
    assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    assertThat(new PhoneNumbers(null).region()).isEmpty();
  }

  @Test
  @DisplayName("time zones: one for Guatemala and for a US area code, several for Ecuador's mobiles, none where unknown")
  void zones() {
    assertThat(PhoneNumbers.zones("+50255550147")).containsExactly("America/Guatemala");
    assertThat(PhoneNumbers.zones("+12125550147")).containsExactly("America/New_York");
    assertThat(PhoneNumbers.zones("+593991234567")).containsExactlyInAnyOrder("America/Guayaquil", "Pacific/Galapagos");
    assertThat(PhoneNumbers.zones("+15550001111")).as("no area code 555").isEmpty();
    assertThat(PhoneNumbers.zones("not a number")).isEmpty();
    assertThat(PhoneNumbers.zones(List.of("+50255550147", "+50255550148"))).containsExactly("America/Guatemala");
    assertThat(PhoneNumbers.zones(List.of("+50255550147", "+12125550147"))).hasSize(2);
  }
}
