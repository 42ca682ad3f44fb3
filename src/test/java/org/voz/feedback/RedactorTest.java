package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Redaction of shared free text")
class RedactorTest {

  private final Redactor redactor = new Redactor();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "es|Me ayudó mucho la señora Marta de Casa Esperanza en Quetzaltenango.|Me ayudó mucho la señora […] de […] en […].",
      "es|Mi número es +502 5555-0147, llámenme.|Mi número es […], llámenme.",
      "en|I liked the lawyer. Sam from Legal Aid helped me in Houston on 03/14/2025.|I liked the lawyer. Sam from […] helped me in […] on […].",
      "en|Write to ana.perez@example.org or see www.example.org/help|Write to […] or see […]",
      "pt|A assistente Joana me levou ao hospital em São Paulo, caso 2025-0147.|A assistente […] me levou ao hospital em […], caso […].",
      "fr|J'ai parlé avec Marie à Port-au-Prince, dossier n° 4471.|J'ai parlé avec […] à […], dossier n° […].",
  })
  @DisplayName("names, places, numbers, e-mails and web addresses become […] in es, en, pt and fr")
  void redacts(String language, String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @Test
  @DisplayName("capitalised words at a sentence start stay, also after ¿ and ¡; English 'I' stays")
  void sentenceStarts() {
    assertThat(redactor.redact("¿Por qué tardaron? ¡Gracias! Todo bien.")).isEqualTo("¿Por qué tardaron? ¡Gracias! Todo bien.");
    assertThat(redactor.redact("I think I'm better now")).isEqualTo("I think I'm better now");
  }

  @Test
  @DisplayName("a handle and a digit inside a word are removed; adjacent removals collapse into one mark")
  void handlesAndRuns() {
    assertThat(redactor.redact("escríbeme a @rosa_22")).isEqualTo("escríbeme a […]");
    assertThat(redactor.redact("call 555 0147 0000 now")).isEqualTo("call […] now");
    assertThat(redactor.redact("room b12 was cold")).isEqualTo("room […] was cold");
  }
}
