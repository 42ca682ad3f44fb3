package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Safeguarding escalation terms")
class SafeguardingTest {

  private final Safeguarding safeguarding = Safeguarding.defaults();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "es|El encargado me AMENAZÓ con echarme",
      "es|sufrí abuso en el albergue",
      "es|un trabajador me pidió dinero",
      "es|el guardia me tocó",
      "en|A staff member threatened me",
      "en|he asked me out after the session",
      "en|I felt UNSAFE there",
      "pt|O funcionário me ameaçou",
      "pt|sofri assédio no abrigo",
      "pt|ele pediu dinheiro para ajudar",
      "fr|Un employé m'a menacée",
      "fr|j'ai subi du harcèlement",
      "fr|il m'a touchée",
      "ht|yo te menase m",
  })
  @DisplayName("a term in the survivor's language escalates, whatever the case and accents")
  void escalates(String language, String text) {
    assertThat(safeguarding.needsEscalation(text, language)).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "es|Me ayudaron mucho con los papeles",
      "es|estoy acostumbrada al nuevo trabajo",
      "en|The lawyer was kind and patient",
      "pt|Gostei muito do atendimento",
      "fr|Tout s'est bien passé, merci",
  })
  @DisplayName("ordinary feedback does not escalate")
  void ordinary(String language, String text) {
    assertThat(safeguarding.needsEscalation(text, language)).isFalse();
  }

  @Test
  @DisplayName("terms of another language are checked too, and the complaint option always escalates")
  void mixedAndComplaint() {
    assertThat(safeguarding.needsEscalation("the guard threatened me", "es")).isTrue();
    Answer complaint = Answer.anonymous("c1", "q", new Profile("pt", null, null), List.of(Safeguarding.COMPLAINT), null, false);
    assertThat(safeguarding.escalates(complaint)).isTrue();
  }

  @Test
  @DisplayName("terms are configurable per language")
  void configurable() {
    Safeguarding custom = new Safeguarding(Map.of("es", List.of("Patrón")));
    assertThat(custom.needsEscalation("el patron me grita", "es")).isTrue();
    assertThat(custom.needsEscalation("me amenazó", "es")).isFalse();
  }
}
