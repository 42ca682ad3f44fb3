package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.conversation.ShippedConversations.hasError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voz.feedback.Survey;

@DisplayName("Validator and loader: survey flows")
class SurveyValidatorTest {

  @TempDir
  Path dir;

  private ValidationReport shippedWith(String file, String from, String to) throws IOException {
    String text = ShippedConversations.copyInto(dir, file);
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)));
    return Validator.validate(dir);
  }

  @Test
  @DisplayName("the shipped survey flow makes the exit survey: every question type, codes in order")
  void shippedSurvey() {
    Conversations conversations = Conversations.load(Path.of("conversations"));
    Survey exit = conversations.surveys().get(0);
    assertThat(exit.id()).isEqualTo("exit");
    assertThat(exit.questions()).extracting(q -> q.type()).containsExactly("rating", "yes_no", "single_choice",
        "multiple_choice", "free_text");
    assertThat(exit.question("overall").orElseThrow().options()).containsExactly("1", "2", "3", "4", "5");
    assertThat(exit.question("respected").orElseThrow().options()).containsExactly("yes", "no");
    assertThat(exit.question("change").orElseThrow().options()).isEmpty();
    assertThat(exit.question("most-helpful").orElseThrow().options()).contains("complaint");
  }

  @Test
  @DisplayName("a question missing a language is an error, for every question type")
  void questionTranslation() throws IOException {
    hasError(shippedWith("survey-exit.yaml", "      ht: \"Kijan èd la te ye? Reponn de 1 (move) rive 5 (trè bon).\"\n", ""),
        "missing translation [ht] of survey-exit.overall");
    hasError(shippedWith("survey-exit.yaml", "      ht: \"Èske ekip la te trete ou ak respè?\"\n", ""),
        "missing translation [ht] of survey-exit.respected");
    hasError(shippedWith("survey-exit.yaml", "ht: \"Lojman\"}", "}"), "missing translation [ht] of survey-exit.most-helpful option 1");
    hasError(shippedWith("survey-exit.yaml", "      ht: \"Kisa nou ta dwe chanje? Ekri l ak pwòp mo pa ou.\"\n", ""),
        "missing translation [ht] of survey-exit.change");
    hasError(shippedWith("system.yaml", "    ht: \"Mwen pito pa di\"\n", ""), "missing translation [ht] of texts.survey_skip");
    // a system text a kind of question declares (yes/no reads its answers by survey_yes and survey_no)
    hasError(shippedWith("system.yaml", "    ht: \"Wi\"\n  survey_no:", "  survey_no:"), "missing translation [ht] of texts.survey_yes");
  }

  @Test
  @DisplayName("a choice question needs option codes; a survey needs survey_done, the PIN, and distinct ids")
  void surveyShape() throws IOException {
    hasError(shippedWith("survey-exit.yaml", "      - code: legal\n", "      - code: \"\"\n"), "needs a 'code:'");
    hasError(shippedWith("survey-exit.yaml", "    type: survey_done", "    type: message"), "has no survey_done step");
    hasError(shippedWith("survey-exit.yaml", "requires_pin: true\nstart", "start"), "without 'requires_pin: true'");
    hasError(shippedWith("survey-exit.yaml", "survey: exit\n", ""), "is a survey step in a flow without 'survey:'");
    hasError(shippedWith("survey-exit.yaml", "{survey_mode: anonymous}", "{survey_mode: secret}"), "survey_mode is anonymous or linked");
  }
}
