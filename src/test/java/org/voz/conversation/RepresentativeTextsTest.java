package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voz.consent.ConsentView;

/**
 * The texts of a minor's representative's chat ({@code service.inbound.RepresentativeChat}), rendered in every language
 * the project has: each its own translation, the grant in the consent words survivors read (never its status, which
 * speaks to the minor), 1 and 2 and the language's quick-exit word, within the SMS budget; the PIN prompt as neutral as
 * the survivors' (the same words).
 */
@DisplayName("A representative's chat texts, in every language")
class RepresentativeTextsTest {

  private static final Path DIR = Path.of("conversations");
  /** A grant with long labels, as the validator's samples. */
  private static final ConsentView GRANT = new ConsentView("c1", "health-information", "shelter-casa-esperanza",
      "medical-care", "2027-06-30", "pending_representative");

  @Test
  @DisplayName("every text in every language; the grant filled, no status, 1 / 2 / the exit word, at most 3 SMS")
  void everyLanguage() {
    Conversations conversations = Conversations.load(DIR);
    SystemTexts system = ConversationLoader.load(DIR).system();
    assertThat(conversations.languages()).hasSizeGreaterThanOrEqualTo(5);
    for (String language : conversations.languages()) {
      for (String key : SystemTexts.REPRESENTATIVE_TEXTS.keySet()) {
        assertThat(system.text(key).values()).as(key + " in " + language).containsKey(language);
        assertThat(conversations.systemText(key, language)).as(key + " in " + language).isNotBlank();
      }
      Map<String, String> words = conversations.consentWords(GRANT, language);
      String asked = Text.fill(conversations.systemText("rep_consent", language), words);
      assertThat(asked).as(language).doesNotContain("{").doesNotContain("}")
          .contains(words.get("recipient")).contains(words.get("data")).contains(words.get("purpose"))
          .contains(words.get("until")).doesNotContain(words.get("status"))
          .contains("\n1. ").contains("\n2. ");
      String lastLine = asked.substring(asked.lastIndexOf('\n') + 1);
      assertThat(conversations.reservedWords().classify(lastLine.split(" ")[0]))
          .as("the quick-exit word of " + language).contains(ReservedWord.EXIT);
      assertThat(SmsSegments.segments(asked)).as(language).isLessThanOrEqualTo(TextChecks.SEGMENT_BUDGET);
      // before the PIN: the very words a survivor's PIN prompt says, nothing that tells a watcher more
      assertThat(conversations.systemText("rep_pin", language)).isEqualTo(
          ((PinStep) conversations.flow("main").steps().get("pin")).text().in(language, conversations.defaultLanguage()));
    }
  }

  @Test
  @DisplayName("the validator reports a representative's text missing a language")
  void validatorChecksThem(@TempDir Path dir) throws Exception {
    ShippedConversations.copyInto(dir, "system.yaml");
    String system = Files.readString(dir.resolve("system.yaml"));
    String missing = system.replace("    ht: \"Pa gen anyen pou reponn kounye a.\"\n", "");
    assertThat(missing).isNotEqualTo(system);
    Files.writeString(dir.resolve("system.yaml"), missing);
    assertThat(Validator.validate(dir).errors()).extracting(Finding::toString)
        .anySatisfy(f -> assertThat(f).contains("rep_none").contains("ht"));
  }
}
