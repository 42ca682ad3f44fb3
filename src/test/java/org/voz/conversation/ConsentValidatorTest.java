package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.conversation.ShippedConversations.hasError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Validator: consent steps, actions, labels and paging words")
class ConsentValidatorTest {

  @TempDir
  Path dir;

  /** The shipped conversations, with {@code from} replaced by {@code to} in {@code file}. */
  private ValidationReport shippedWith(String file, String from, String to) throws IOException {
    String text = ShippedConversations.copyInto(dir, file);
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(file), text.replace(from, to));
    return Validator.validate(dir);
  }

  @Test
  @DisplayName("a label without every language is an error")
  void labelTranslation() throws IOException {
    hasError(shippedWith("system.yaml", "      ht: \"nòt dosye ou\"\n", ""), "missing translation [ht] of labels.data.case-notes");
  }

  @Test
  @DisplayName("an unknown label kind is an error")
  void labelKind() throws IOException {
    hasError(shippedWith("system.yaml", "labels:\n  data:", "labels:\n  colour: {}\n  data:"), "unknown label kind 'colour'");
  }

  @Test
  @DisplayName("a paging word that is a reserved word, or a language without one, is an error")
  void moreWords() throws IOException {
    hasError(shippedWith("system.yaml", "  en: [MORE]", "  en: [MORE, MENU]"), "more word 'MENU' is the reserved word menu");
    hasError(shippedWith("system.yaml", "  ht: [PLIS]\n", ""), "more: [ht] needs at least one word");
  }

  @Test
  @DisplayName("months must be twelve in every language")
  void months() throws IOException {
    hasError(shippedWith("system.yaml", "[ene, feb, mar,", "[ene, mar,"), "months: [es] needs 12 words, has 11");
  }

  @Test
  @DisplayName("a consent system text missing is an error once a flow uses consent steps")
  void consentTexts() throws IOException {
    hasError(shippedWith("system.yaml", "  consent_gone:", "  consent_went:"), "system.yaml has no text 'consent_gone'");
  }

  @Test
  @DisplayName("consent steps and actions require the PIN")
  void requirePin() throws IOException {
    ValidationReport report = shippedWith("revoke.yaml", "requires_pin: true\n", "");
    hasError(report, "revoke.pick is a consent_pick without 'requires_pin: true'");
    hasError(report, "revoke_consent without 'requires_pin: true'");
    hasError(report, "revoke.reason records a reason without 'requires_pin: true'");
    hasError(report, "shows {consents} without 'requires_pin: true'");
  }

  @Test
  @DisplayName("a consent_check needs both ways on and known statuses; a pick its targets")
  void consentCheck() throws IOException {
    hasError(shippedWith("main.yaml", "    none: survey\n", ""), "main.pending (none:) has no 'next:'");
    hasError(shippedWith("main.yaml", "    status: pending", "    status: waiting"), "lists unknown status 'waiting'");
    hasError(shippedWith("consents.yaml", "      pending: requests.ask", "      pending: requests.nowhere"),
        "goes to unknown step or flow 'requests.nowhere'");
    hasError(shippedWith("consents.yaml", "    empty: none\n", ""), "consents.review (empty:) has no 'next:'");
  }

  @Test
  @DisplayName("skip words in every language, none of them reserved; record_reason only on input steps")
  void skipWords() throws IOException {
    hasError(shippedWith("revoke.yaml", "      ht: [SOTE, NON]\n", ""), "revoke.reason has no skip words in [ht]");
    hasError(shippedWith("revoke.yaml", "en: [SKIP, \"NO\"]", "en: [SKIP, EXIT]"), "skip word 'EXIT' is the reserved word exit");
    hasError(shippedWith("revoke.yaml", "        action: revoke_consent", "        action: record_reason"),
        "record_reason belongs on an input step");
  }

  @Test
  @DisplayName("the shipped pick steps report how many consents a page holds")
  void pageReport() {
    assertThat(Validator.validate(Path.of("conversations")).only(Finding.Severity.INFO)).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).startsWith("consents.review [pt] ").contains("a page with the longest labels"));
  }
}
