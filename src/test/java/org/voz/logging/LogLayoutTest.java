package org.voz.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log lines: a failure by its classes only, one event on one line, in text and JSON")
class LogLayoutTest {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("org.voz.Test");

  private LoggingEvent event(String message, Throwable failure, Object... args) {
    return new LoggingEvent("org.voz.Test", logger, Level.ERROR, message, failure, args);
  }

  private static final Throwable DECODER_FAILURE = new IllegalArgumentException("bad escape in Body=secret text",
      new IllegalStateException("From=+15551234567"));

  private String text(LoggingEvent event) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("safeMsg", () -> new SafeMessageConverter());
    layout.getInstanceConverterMap().put("exKinds", () -> new ThrowableKindsConverter());
    layout.setPattern("%-5level %logger{20} - %safeMsg%exKinds%n");
    layout.start();
    return layout.doLayout(event);
  }

  @Test
  @DisplayName("text: a line break in a message is escaped, so it cannot forge a second line")
  void textEscapesLineBreaks() {
    String line = text(event("path={}", null, "/x\nINFO forged\r\tline\u0007"));

    assertThat(line).isEqualTo("ERROR org.voz.Test - path=/x\\nINFO forged\\r\\tline\\u0007" + System.lineSeparator());
  }

  @Test
  @DisplayName("text: a failure shows its classes and its causes' classes, never their messages or stack")
  void textShowsFailureClassesOnly() {
    String line = text(event("request failed", DECODER_FAILURE));

    assertThat(line).isEqualTo("ERROR org.voz.Test - request failed"
        + " [java.lang.IllegalArgumentException <- java.lang.IllegalStateException]" + System.lineSeparator());
  }

  @Test
  @DisplayName("json: one object per line with the failure's classes only")
  void jsonLine() throws Exception {
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();

    String line = layout.doLayout(event("path={}", DECODER_FAILURE, "/x\nforged"));

    assertThat(line).endsWith("}\n").doesNotContain("secret").doesNotContain("5551234567");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("ERROR");
    assertThat(json.get("logger").asText()).isEqualTo("org.voz.Test");
    assertThat(json.get("message").asText()).isEqualTo("path=/x\nforged");
    assertThat(json.get("error").asText())
        .isEqualTo("java.lang.IllegalArgumentException <- java.lang.IllegalStateException");
  }
}
