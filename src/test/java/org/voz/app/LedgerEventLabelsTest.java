package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Conversations;
import org.voz.conversation.SystemTexts;
import org.voz.service.EffectWriter;
import org.voz.service.casework.SurvivorRecords;

/**
 * The copy of a survivor's file shows every event of their history in plain words: every type Voz writes to a ledger
 * is in the catalogue {@code voz validate} checks the labels of ({@link SystemTexts#EVENT_LABELS}), and the shipped
 * conversations label each one in every language.
 */
@DisplayName("Ledger event types: each one in the catalogue, each labelled in every language")
class LedgerEventLabelsTest {

  /** A ledger event written with its type as a literal: {@code new Effect.AppendLedger("x.y"} or {@code unchained("x.y"}. */
  private static final Pattern LITERAL = Pattern.compile("(?:AppendLedger|unchained)\\(\\s*\"([a-z_]+\\.[a-z_]+)\"");

  @Test
  @DisplayName("every event type written in the sources (and the named ones) is in the catalogue")
  void catalogued() throws IOException {
    Set<String> written = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = LITERAL.matcher(Files.readString(file));
        while (m.find()) {
          written.add(m.group(1));
        }
      }
    }
    written.add(SurvivorRecords.NOTICE_SENT);
    written.add(EffectWriter.RISK_CHANGED);
    assertThat(written).as("the scan finds the event types").contains("file_request.opened", "record.amended");
    assertThat(SystemTexts.EVENT_LABELS).containsAll(written)
        .contains("consent.granted", "consent.revoked", "file_request.in_progress", "file_request.ready");
  }

  @Test
  @DisplayName("the shipped conversations say each one in words, in every language, never as its code")
  void labelled() {
    Conversations conversations = Conversations.load(Path.of("conversations"));
    for (String language : conversations.languages()) {
      for (String type : SystemTexts.EVENT_LABELS) {
        assertThat(conversations.label("event", type, language)).as(type + " [" + language + "]")
            .isNotBlank().doesNotContain(".").isNotEqualTo(type);
      }
    }
  }
}
