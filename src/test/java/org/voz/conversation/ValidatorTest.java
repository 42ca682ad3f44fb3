package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Validator")
class ValidatorTest {

  private static final Path BROKEN = Path.of("src/test/resources/conversations-broken");

  private static ValidationReport validate(String fixture) {
    return Validator.validate(BROKEN.resolve(fixture));
  }

  private static Finding onlyError(ValidationReport report) {
    assertThat(report.errors()).hasSize(1);
    return report.errors().get(0);
  }

  @Test
  @DisplayName("a small valid directory has no errors")
  void valid() {
    assertThat(Validator.validate(Path.of("src/test/resources/conversations-small")).errors()).isEmpty();
  }

  @Test
  @DisplayName("a missing translation is reported with its file and line")
  void missingTranslation() {
    Finding f = onlyError(validate("missing-translation"));
    assertThat(f.file()).isEqualTo("main.yaml");
    assertThat(f.line()).isEqualTo(7);
    assertThat(f.message()).contains("missing translation [en]", "main.pin");
  }

  @Test
  @DisplayName("a transition to an unknown flow or step is reported with its file and line")
  void danglingTransition() {
    Finding f = onlyError(validate("dangling-transition"));
    assertThat(f.file()).isEqualTo("main.yaml");
    assertThat(f.line()).isEqualTo(13);
    assertThat(f.message()).contains("unknown step or flow 'nowhere.step'");
  }

  @Test
  @DisplayName("an unreachable step is reported with its file and line")
  void unreachableStep() {
    Finding f = onlyError(validate("unreachable-step"));
    assertThat(f.file()).isEqualTo("main.yaml");
    assertThat(f.line()).isEqualTo(15);
    assertThat(f.message()).contains("main.orphan is unreachable");
  }

  @Test
  @DisplayName("an unknown variable is reported with its file and line")
  void unknownVariable() {
    Finding f = onlyError(validate("unknown-variable"));
    assertThat(f.file()).isEqualTo("main.yaml");
    assertThat(f.line()).isEqualTo(7);
    assertThat(f.message()).contains("unknown variable {nombre}");
  }

  @Test
  @DisplayName("unknown actions and languages are reported with their lines")
  void unknownAction() {
    ValidationReport report = validate("unknown-action");
    assertThat(report.errors()).extracting(Finding::line, Finding::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(14, "unknown action 'delete_everything' (known: [codesign_opt_in, complaint_mode, contact_channel, contact_window, decline_consent, defer_consent, defer_survey, file_complaint, grant_consent, open_file_request, quick_exit, record_reason, request_contact, request_delivery, request_erasure, request_interpreter, request_kind, revoke_consent, set_language, share_text, start_survey, survey_mode])"),
        org.assertj.core.groups.Tuple.tuple(17, "set_language to unknown language 'tlh'"));
  }

  @Test
  @DisplayName("file request actions: known kinds and deliveries, after the PIN, opening only on an input step, its texts")
  void requestActions() {
    ValidationReport report = validate("request-actions");
    assertThat(report.errors()).extracting(Finding::message).contains(
        "main.menu: unknown request kind 'passport' (known: [copy, letter, verification, other])",
        "main.menu: request_kind without 'requires_pin: true' (on the step or its flow)",
        "main.how: unknown delivery 'pigeon' (known: [in_person, link, case_manager])",
        "main.how: open_file_request belongs on an input step",
        "main.what: open_file_request takes the answer as 'purpose' or 'note', not 'title'",
        "system.yaml has no text 'request_line' (file requests need it)",
        "system.yaml has no label request_kind.copy (file requests need it)");
  }

  @Test
  @DisplayName("a YAML syntax error is reported with its file and line")
  void syntaxError() {
    ValidationReport report = validate("syntax-error");
    assertThat(report.errors()).anySatisfy(f -> {
      assertThat(f.file()).isEqualTo("main.yaml");
      assertThat(f.line()).isBetween(7, 9);
      assertThat(f.message()).startsWith("YAML syntax");
    });
  }

  @Test
  @DisplayName("duplicate step ids and duplicate choice words are reported")
  void duplicates() {
    ValidationReport report = validate("duplicates");
    assertThat(report.errors()).extracting(Finding::line).containsExactly(15, 17);
    assertThat(report.errors().get(0).message()).contains("[es] options 1 and 2 share the word 'ver'");
    assertThat(report.errors().get(1).message()).contains("duplicate step id 'menu'");
  }

  @Test
  @DisplayName("messages that loop without waiting for an answer are reported")
  void messageLoop() {
    ValidationReport report = validate("message-loop");
    assertThat(report.errors()).extracting(Finding::line).containsExactly(9, 13);
    assertThat(report.errors().get(0).message()).contains("main.hello loops through messages");
  }

  @Test
  @DisplayName("a word in two reserved families is reported on the line of the family")
  void reservedCollision(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copySmall(dir);
    java.nio.file.Files.writeString(dir.resolve("system.yaml"), java.nio.file.Files.readString(dir.resolve("system.yaml"))
        .replace("exit: {en: [EXIT], es: [SALIR]}", "exit: {en: [EXIT, Stop], es: [SALIR]}"));
    ValidationReport report = Validator.validate(dir);
    assertThat(report.errors()).extracting(Finding::toString).containsExactly(
        "system.yaml:9 error: reserved word 'Stop' is both stop and exit");
  }

  @Test
  @DisplayName("personal variables outside a step that requires the PIN, and a main flow not starting with the PIN, are errors")
  void personalBeforePin(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copySmall(dir);
    java.nio.file.Files.writeString(dir.resolve("main.yaml"), java.nio.file.Files.readString(dir.resolve("main.yaml"))
        .replace("start: pin", "start: menu")
        .replace("text: {es: \"Menu:\", en: \"Menu:\"}", "text: {es: \"{count}:\", en: \"{consents}\"}"));
    ValidationReport report = Validator.validate(dir);
    assertThat(report.errors()).extracting(Finding::toString).containsExactlyInAnyOrder(
        "main.yaml:9 error: the main flow must start with a pin step",
        "main.yaml:9 error: main.menu shows {consents} without 'requires_pin: true' (on the step or its flow)",
        "main.yaml:9 error: main.menu shows {count} without 'requires_pin: true' (on the step or its flow)",
        "main.yaml:5 error: main.pin is unreachable");
  }

  @Test
  @DisplayName("a news step says {news} in every language, only after the PIN; {news} elsewhere needs the PIN too")
  void newsStep(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copySmall(dir);
    String main = java.nio.file.Files.readString(dir.resolve("main.yaml"));
    java.nio.file.Files.writeString(dir.resolve("main.yaml"), main.replace("    next: menu\n", """
            next: news
          - id: news
            type: news
            requires_pin: true
            text: {es: "Novedad: {news}", en: "News: {news}"}
            next: menu
        """));
    assertThat(Validator.validate(dir).errors()).as("a news step after the PIN").isEmpty();

    java.nio.file.Files.writeString(dir.resolve("main.yaml"), main.replace("    next: menu\n", """
            next: news
          - id: news
            type: news
            text: {es: "Novedad.", en: "News: {news}"}
            next: menu
        """));
    assertThat(Validator.validate(dir).errors()).extracting(Finding::toString).containsExactlyInAnyOrder(
        "main.yaml:9 error: main.news is a news step without 'requires_pin: true' (on the step or its flow)",
        "main.yaml:11 error: main.news [es] is a news step that does not show {news}",
        "main.yaml:9 error: main.news shows {news} without 'requires_pin: true' (on the step or its flow)");
  }

  @Test
  @DisplayName("one skip word across all flows: a skippable question without its language's survey_skip_word is an error")
  void oneSkipWord(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copyShipped(dir);
    assertThat(Validator.validate(dir).errors()).as("the copy as shipped").isEmpty();
    String revoke = java.nio.file.Files.readString(dir.resolve("revoke.yaml"));
    java.nio.file.Files.writeString(dir.resolve("revoke.yaml"), revoke.replace("en: [SKIP, \"NO\"]", "en: [\"NO\"]"));
    assertThat(Validator.validate(dir).errors()).extracting(Finding::message).containsExactly(
        "revoke.reason skip words in [en] lack 'SKIP', the one skip word of every flow (survey_skip_word)");
  }

  @Test
  @DisplayName("the copy of a file shows every event in words: an event type without its label is an error")
  void eventLabels(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copyShipped(dir);
    String system = java.nio.file.Files.readString(dir.resolve("system.yaml"));
    java.nio.file.Files.writeString(dir.resolve("system.yaml"), system.replaceAll("(?m)^    pin\\.reset: .*\n", ""));
    assertThat(Validator.validate(dir).errors()).extracting(Finding::message).containsExactly(
        "system.yaml has no label event.pin.reset (the copy of a file shows every event in plain words)");
  }

  @Test
  @DisplayName("the catalogue of consent codes: a code without its label in some language is an error naming it")
  void consentCodeLabels(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copyShipped(dir);
    String system = java.nio.file.Files.readString(dir.resolve("system.yaml"));
    String broken = system.replace("      ht: \"rezo legal la\"\n", "");
    assertThat(broken).isNotEqualTo(system);
    java.nio.file.Files.writeString(dir.resolve("system.yaml"), broken);
    assertThat(Validator.validate(dir).errors()).extracting(Finding::message).singleElement()
        .satisfies(m -> assertThat(m).contains("[ht]").contains("legal-aid-network"));
  }

  @Test
  @DisplayName("the co-design invitation's codes and the configuration's recipients must be in the catalogue")
  void consentCodesInUse(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copyShipped(dir);
    assertThat(Validator.validate(dir, java.util.Map.of("recipient", java.util.Set.of("shelter", "casa-nueva")))
        .errors()).extracting(Finding::message).containsExactly(
        "system.yaml has no label recipient.casa-nueva (the configuration's recipients: names it)");
    String system = java.nio.file.Files.readString(dir.resolve("system.yaml"));
    java.nio.file.Files.writeString(dir.resolve("system.yaml"),
        system.replaceAll("(?m)^    co-design-team:\n(      [a-z]{2}: .*\n){5}", ""));
    assertThat(Validator.validate(dir).errors()).extracting(Finding::message).containsExactly(
        "system.yaml has no label recipient.co-design-team (the co-design invitation's consent uses it)");
  }

  /** The shipped conversations, copied to be broken. */
  private static void copyShipped(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("conversations"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        java.nio.file.Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
  }

  private static void copySmall(Path dir) throws java.io.IOException {
    Path small = Path.of("src/test/resources/conversations-small");
    for (String file : java.util.List.of("system.yaml", "language.yaml", "main.yaml", "feedback.yaml")) {
      java.nio.file.Files.copy(small.resolve(file), dir.resolve(file));
    }
  }

  @Test
  @DisplayName("run prints every finding and returns a non-zero exit code on errors")
  void runExitCode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Validator.run(BROKEN.resolve("unreachable-step"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("main.yaml:15 error: main.orphan is unreachable")
        .contains("main.yaml:7 info: main.pin [es] 1 segment GSM-7")
        .contains("1 error(s)");
  }

  @Test
  @DisplayName("loading refuses a directory with errors and names them")
  void loadRefuses() {
    assertThatThrownBy(() -> Conversations.load(BROKEN.resolve("dangling-transition")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("main.yaml:13");
  }

  @Test
  @DisplayName("a text over three segments gets a warning with its cost, and is no error")
  void segmentBudget(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    copySmall(dir);
    String main = java.nio.file.Files.readString(dir.resolve("main.yaml"))
        .replace("{es: \"PIN:\", en: \"PIN:\"}", "{es: \"" + "á".repeat(210) + "\", en: \"" + "a".repeat(161) + "\"}");
    java.nio.file.Files.writeString(dir.resolve("main.yaml"), main);
    ValidationReport report = Validator.validate(dir);
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.warnings()).extracting(Finding::toString)
        .containsExactly("main.yaml:7 warning: main.pin [es] 4 segments UCS-2: over the budget of 3");
    assertThat(report.only(Finding.Severity.INFO)).extracting(Finding::message)
        .contains("main.pin [en] 2 segments GSM-7");
  }
}
