package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Aggregation of a campaign's answers")
class AggregatorTest {

  private static final Question OVERALL = Questions.rating("overall");
  private static final Question SAFE = Questions.yesNo("safe");
  private static final Question HELP = Questions.multiple("help", "housing", "legal", "health");
  private static final Question SAY = Questions.freeText("say");
  private static final Survey SURVEY = new Survey("exit", List.of(OVERALL, SAFE, HELP, SAY));

  private final Aggregator aggregator = new Aggregator(5, new Redactor(), Safeguarding.defaults());

  private QuestionResult result(List<Answer> answers, Filter filter, String question) {
    return aggregator.results(Answers.CAMPAIGN, SURVEY, answers, filter).questions().stream()
        .filter(q -> q.questionId().equals(question)).findFirst().orElseThrow();
  }

  private static Integer count(QuestionResult q, String option) {
    return q.cells().stream().filter(c -> c.option().equals(option)).findFirst().orElseThrow().count();
  }

  @Test
  @DisplayName("every shape of answers has its one case in the aggregator")
  void everyShapeHasACase() {
    List<AnswerShape> oneOfEach = List.of(new AnswerShape.OneOf(List.of("a", "b")), AnswerShape.Scale.of(1, 3),
        new AnswerShape.AnyOf(List.of("a", "b")), new AnswerShape.FreeText());
    // a new shape fails here until it has a sample above, then below until the aggregator counts it
    assertThat(oneOfEach).extracting(Object::getClass)
        .containsExactlyInAnyOrder((Class<?>[]) AnswerShape.class.getPermittedSubclasses());
    for (AnswerShape shape : oneOfEach) {
      assertThat(Aggregator.tally(shape).cells()).as(shape.toString()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("counts per option, skipped as its own cell, and the mean when every rating cell is visible")
  void counts() {
    List<Answer> answers = Answers.campaign().answer("overall", 6, "4").answer("overall", 8, "5").answer("overall", 0, "1")
        .skip("overall", 5).build();
    QuestionResult q = result(answers, Filter.NONE, "overall");
    assertThat(count(q, "4")).isEqualTo(6);
    assertThat(count(q, "5")).isEqualTo(8);
    assertThat(count(q, "1")).isZero();
    assertThat(count(q, "skipped")).isEqualTo(5);
    assertThat(q.total()).isEqualTo(19);
    assertThat(q.mean()).isEqualTo(4.6);
  }

  @Test
  @DisplayName("a small cell shows <5, its complement too, and the mean is hidden")
  void smallCell() {
    List<Answer> answers = Answers.campaign().answer("overall", 2, "1").answer("overall", 7, "4").answer("overall", 12, "5").build();
    QuestionResult q = result(answers, Filter.NONE, "overall");
    assertThat(count(q, "1")).isNull();
    assertThat(count(q, "4")).isNull();
    assertThat(count(q, "5")).isEqualTo(12);
    assertThat(q.cells().get(0).display(5)).isEqualTo("<5");
    assertThat(q.total()).isEqualTo(21);
    assertThat(q.mean()).isNull();
  }

  @Test
  @DisplayName("fewer than 5 respondents: total <5, every cell <5, no mean")
  void fewRespondents() {
    List<Answer> answers = Answers.campaign().answer("overall", 4, "5").build();
    QuestionResult q = result(answers, Filter.NONE, "overall");
    assertThat(q.total()).isNull();
    assertThat(q.totalDisplay(5)).isEqualTo("<5");
    assertThat(q.cells()).allMatch(Cell::suppressed);
    assertThat(q.mean()).isNull();
  }

  @Test
  @DisplayName("a filter on a dimension with a group under 5 is refused for that question")
  void filterRefused() {
    List<Answer> answers = Answers.campaign().as("es", "shelter", "2025-Q3").answer("safe", 9, "yes")
        .as("fr", "shelter", "2025-Q3").answer("safe", 2, "yes").build();
    assertThat(aggregator.enabledDimensions(SAFE, answers)).doesNotContain(Filter.Dimension.LANGUAGE)
        .contains(Filter.Dimension.PROGRAMME, Filter.Dimension.EXIT_PERIOD);
    QuestionResult q = result(answers, new Filter("es", null, null), "safe");
    assertThat(q.withheld()).contains("fewer than 5");
    assertThat(q.total()).isNull();
    assertThat(q.cells()).allMatch(Cell::suppressed);
    assertThat(result(answers, new Filter(null, "shelter", null), "safe").total()).isEqualTo(11);
  }

  @Test
  @DisplayName("with filters enabled, a cell hidden in one group is hidden in every table that contains it")
  void coordinated() {
    List<Answer> answers = Answers.campaign()
        .as("es", "shelter", "2025-Q3").answer("safe", 10, "yes").answer("safe", 2, "no").answer("safe", 6, "no")
        .as("en", "shelter", "2025-Q3").answer("safe", 8, "yes").answer("safe", 5, "no").build();
    QuestionResult all = result(answers, Filter.NONE, "safe");
    QuestionResult en = result(answers, new Filter("en", null, null), "safe");
    assertThat(en.total()).isEqualTo(13);
    assertThat(count(en, "no")).isEqualTo(5);
    // es has no = 8 visible, so all = es + en is fully visible
    assertThat(count(all, "no")).isEqualTo(13);
    List<Answer> small = Answers.campaign()
        .as("es", "shelter", "2025-Q3").answer("safe", 10, "yes").answer("safe", 2, "no").skip("safe", 6)
        .as("en", "shelter", "2025-Q3").answer("safe", 8, "yes").answer("safe", 5, "no").build();
    assertThat(count(result(small, new Filter("es", null, null), "safe"), "no")).isNull();
    assertThat(count(result(small, Filter.NONE, "safe"), "no")).isNull();
    assertThat(count(result(small, new Filter("en", null, null), "safe"), "no")).isEqualTo(5);
  }

  @Test
  @DisplayName("free text: only shared answers, redacted, sorted, none that need escalation, only unfiltered, only from 5")
  void freeText() {
    Answers a = Answers.campaign();
    for (int i = 0; i < 5; i++) {
      a.text("say", "the staff listened to me " + (char) ('a' + i), true);
    }
    a.text("say", "Rosa at the shelter called me on 5555-0147", true);
    a.text("say", "private thoughts", false);
    a.text("say", "the guard threatened me", true);
    List<Answer> answers = a.build();
    QuestionResult q = result(answers, Filter.NONE, "say");
    assertThat(q.texts()).hasSize(6).isSorted().noneMatch(t -> t.contains("private") || t.contains("threat") || t.contains("0147"));
    assertThat(q.texts()).contains("Rosa at the shelter called me on […]");
    assertThat(count(q, "answered")).isEqualTo(8);
    assertThat(result(answers, new Filter(null, "shelter", null), "say").texts()).isEmpty();
    assertThat(result(Answers.campaign().text("say", "fine", true).build(), Filter.NONE, "say").texts()).isEmpty();
  }

  @Test
  @DisplayName("multiple choice counts people per option, without skipped, and protects near-unanimous options")
  void multipleChoice() {
    List<Answer> answers = Answers.campaign().answer("help", 6, "housing").answer("help", 5, "housing", "legal")
        .answer("help", 1, "health", "legal").skip("help", 3).build();
    QuestionResult q = result(answers, Filter.NONE, "help");
    assertThat(q.total()).isEqualTo(12);
    assertThat(q.cells()).extracting(Cell::option).containsExactly("housing", "legal", "health");
    assertThat(count(q, "housing")).isNull(); // 11 of 12: the one who did not pick it stands out
    assertThat(count(q, "health")).isNull();
    assertThat(count(q, "legal")).isEqualTo(6);
  }
}
