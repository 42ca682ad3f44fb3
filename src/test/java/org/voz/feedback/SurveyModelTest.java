package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Survey model and answers")
class SurveyModelTest {

  private final Profile es = new Profile("es", "shelter", "2025-Q3");

  @Test
  @DisplayName("a scale's options are whole numbers, free text has none; choices need two distinct codes; ids are distinct")
  void questionTypes() {
    assertThat(AnswerShape.Scale.of(1, 5).codes()).containsExactly("1", "2", "3", "4", "5");
    assertThatThrownBy(() -> new AnswerShape.Scale(List.of("1", "many"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Questions.freeText("q3").options()).isEmpty();
    assertThatThrownBy(() -> new Question("q6", "Rating", AnswerShape.Scale.of(1, 5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Questions.single("q4", "only")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Questions.multiple("q5", "a", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Survey("s", List.of(Questions.yesNo("q"), Questions.rating("q"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an anonymous answer has no survivor id; a linked one must have one; withoutSurvivor drops it")
  void anonymity() {
    Answer anonymous = Answer.anonymous("c1", "q1", es, List.of("yes"), null, false);
    assertThat(anonymous.anonymous()).isTrue();
    assertThat(anonymous.survivorId()).isNull();
    Answer linked = Answer.linked("c1", "q1", "s-42", es, List.of("yes"), null, false);
    assertThat(linked.anonymous()).isFalse();
    assertThat(linked.withoutSurvivor().survivorId()).isNull();
    assertThatThrownBy(() -> Answer.linked("c1", "q1", null, es, List.of("yes"), null, false)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Answer.class.getRecordComponents()).extracting(c -> c.getType().getSimpleName())
        .doesNotContain("Instant", "LocalDateTime", "ZonedDateTime", "LocalDate");
  }

  @Test
  @DisplayName("prefer not to say is recorded as skipped with no value, and a skipped answer cannot carry one")
  void skipped() {
    Answer skipped = Answer.skipped("c1", "q1", null, es);
    assertThat(skipped.skipped()).isTrue();
    assertThat(skipped.values()).isEmpty();
    assertThatThrownBy(() -> new Answer("c1", "q1", null, es, true, List.of("yes"), null, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Answer("c1", "q1", null, es, false, List.of(), null, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an answer fits its question: known options, one value unless multiple choice, text for free text")
  void fits() {
    Question mc = Questions.multiple("help", "housing", "legal", "health");
    Question single = Questions.single("best", "housing", "legal");
    Question rating = Questions.rating("overall");
    assertThat(Answer.anonymous("c1", "help", es, List.of("housing", "legal"), null, false).fits(mc)).isTrue();
    assertThat(Answer.anonymous("c1", "best", es, List.of("housing", "legal"), null, false).fits(single)).isFalse();
    assertThat(Answer.anonymous("c1", "overall", es, List.of("6"), null, false).fits(rating)).isFalse();
    assertThat(Answer.anonymous("c1", "overall", es, List.of("4"), null, false).fits(rating)).isTrue();
  }

  @Test
  @DisplayName("the exit date is kept only as a quarter")
  void exitPeriod() {
    assertThat(Profile.periodOf(LocalDate.of(2025, 8, 14))).isEqualTo("2025-Q3");
    assertThat(Profile.periodOf(LocalDate.of(2026, 1, 1))).isEqualTo("2026-Q1");
    assertThat(Profile.periodOf(null)).isEqualTo("unknown");
    assertThatThrownBy(() -> new Profile("es", "shelter", "2025-08-14")).isInstanceOf(IllegalArgumentException.class);
  }
}
