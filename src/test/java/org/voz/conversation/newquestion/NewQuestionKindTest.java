package org.voz.conversation.newquestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voz.conversation.Choice;
import org.voz.conversation.Conversations;
import org.voz.conversation.Effect;
import org.voz.conversation.Engine;
import org.voz.conversation.Finding;
import org.voz.conversation.Inbound;
import org.voz.conversation.QuestionKind;
import org.voz.conversation.Session;
import org.voz.conversation.SurvivorView;
import org.voz.conversation.Transition;
import org.voz.conversation.Validator;
import org.voz.feedback.Aggregator;
import org.voz.feedback.Answer;
import org.voz.feedback.Filter;
import org.voz.feedback.Invitation;
import org.voz.feedback.Profile;
import org.voz.feedback.QuestionResult;
import org.voz.feedback.Redactor;
import org.voz.feedback.Safeguarding;
import org.voz.feedback.Survey;

@DisplayName("A new kind of survey question is one step file and its texts: read, checked, asked, answered, counted")
class NewQuestionKindTest {

  /** The one wiring line: the shipped kinds and the new one. */
  private static final List<QuestionKind> KINDS =
      Stream.concat(QuestionKind.builtIn().stream(), Stream.of(ScaleStep.KIND)).toList();
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @TempDir
  Path dir;

  @BeforeEach
  void conversationsWithAPulseSurvey() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("conversations"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(Path.of("src/test/resources/newquestion/survey-pulse.yaml"), dir.resolve("survey-pulse.yaml"));
  }

  @Test
  @DisplayName("the validator knows type: scale only with its kind, and then finds nothing wrong")
  void validatedWithItsKind() {
    assertThat(Validator.validate(dir).errors()).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("unknown type 'scale'"));
    assertThat(Validator.validate(dir, KINDS).errors()).isEmpty();
  }

  @Test
  @DisplayName("what the kind checks of its own settings is an error at its step")
  void itsOwnChecks() throws IOException {
    Path flow = dir.resolve("survey-pulse.yaml");
    String text = Files.readString(flow);
    Files.writeString(flow, text.replace("top: 7", "top: 12"));
    assertThat(Validator.validate(dir, KINDS).errors()).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("survey-pulse.calm (scale): 'top:' is a number from 2 to 9, not '12'"));
    Files.writeString(flow, text.replace("    top: 7\n", ""));
    assertThat(Validator.validate(dir, KINDS).errors()).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("a scale needs 'top:'"));
  }

  @Test
  @DisplayName("asked with its text and the skip line, answered by its number (one out of range is asked again), counted with a mean")
  void askedAnsweredCounted() {
    Conversations conversations = Conversations.load(dir, KINDS);
    Survey pulse = conversations.surveys().stream().filter(s -> s.id().equals("pulse")).findFirst().orElseThrow();
    assertThat(pulse.questions()).singleElement().satisfies(q -> {
      assertThat(q.type()).isEqualTo("scale");
      assertThat(q.options()).containsExactly("1", "2", "3", "4", "5", "6", "7");
    });

    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    Chat chat = new Chat(engine, SurvivorView.of("s-kim", List.of())
            .withSurveys(List.of(Invitation.invited("pulse-2026", "pulse"))));
    chat.send("hi");
    chat.send("1234");
    Effect.Reply question = chat.send("1").replies().get(0);
    assertThat(question.prompt()).isEqualTo("How calm do you feel today? Reply from 1 (not at all) to 7 (very calm).");
    assertThat(question.choices()).containsExactly(new Choice("0", "Prefer not to say"));
    assertThat(question.text()).endsWith("(very calm).\n0. Prefer not to say");

    Transition outOfRange = chat.send("9");
    assertThat(outOfRange.effects()).noneMatch(Effect.FeedbackAnswered.class::isInstance);
    assertThat(outOfRange.replies().get(0).text()).endsWith("(very calm).\n0. Prefer not to say");

    Transition answered = chat.send("6");
    Answer answer = answered.effects().stream().filter(Effect.FeedbackAnswered.class::isInstance)
        .map(e -> ((Effect.FeedbackAnswered) e).answer()).findFirst().orElseThrow();
    assertThat(answer.questionId()).isEqualTo("calm");
    assertThat(answer.values()).containsExactly("6");
    assertThat(answered.replies().get(0).text()).startsWith("Thank you for your answer.");

    List<Answer> all = new ArrayList<>(List.of(answer));
    Profile profile = new Profile("en", null, null);
    for (int i = 0; i < 5; i++) {
      all.add(Answer.anonymous("pulse-2026", "calm", profile, List.of("6"), null, false));
      all.add(Answer.anonymous("pulse-2026", "calm", profile, List.of("3"), null, false));
    }
    QuestionResult result = new Aggregator(5, new Redactor(), Safeguarding.defaults())
        .results("pulse-2026", pulse, all, Filter.NONE).questions().get(0);
    assertThat(result.type()).isEqualTo("scale");
    assertThat(result.total()).isEqualTo(11);
    assertThat(result.cells()).extracting(c -> c.option()).containsExactly("1", "2", "3", "4", "5", "6", "7", "skipped");
    assertThat(result.mean()).isEqualTo(4.6); // (6 x 6 + 5 x 3) / 11
  }

  /** A survivor's conversation: each message goes through the engine, and what it changed is in the next view. */
  private static final class Chat {
    private final Engine engine;
    private Session session = Session.fresh("en");
    private SurvivorView view;

    Chat(Engine engine, SurvivorView view) {
      this.engine = engine;
      this.view = view;
    }

    Transition send(String text) {
      Transition t = engine.step(session, Inbound.text(text, "sms"), NOW, view, "1234"::equals);
      session = t.session();
      List<Invitation> surveys = new ArrayList<>(view.surveys());
      t.effects().stream().filter(Effect.SurveyProgress.class::isInstance)
          .map(e -> ((Effect.SurveyProgress) e).invitation())
          .forEach(now -> surveys.replaceAll(i -> i.campaignId().equals(now.campaignId()) ? now : i));
      view = SurvivorView.of(view.survivorId(), view.consents()).withRequests(view.requests()).withSurveys(surveys);
      return t;
    }
  }
}
