package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The conversations shipped in conversations/")
class ShippedConversationsTest {

  private static final Path DIR = Path.of("conversations");

  @Test
  @DisplayName("validate without errors or warnings")
  void validateCleanly() {
    ValidationReport report = Validator.validate(DIR);
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  @DisplayName("report the segment count and encoding of every text in every language")
  void reportSegments() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Validator.run(DIR, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(code).isZero();
    assertThat(out).contains("main.yaml:", "main.menu [pt]", "segment", "UCS-2", "GSM-7", "0 error(s)");
  }

  @Test
  @DisplayName("load with four languages, Spanish first")
  void loadLanguages() {
    Conversations conversations = Conversations.load(DIR);
    assertThat(conversations.languages()).containsExactly("es", "en", "pt", "fr", "ht");
    assertThat(conversations.defaultLanguage()).isEqualTo("es");
    assertThat(conversations.flowVersion("main")).isEqualTo("4");
  }
}
