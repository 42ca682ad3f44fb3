package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV rendering")
class CsvReportTest {

  @Test
  @DisplayName("fields are quoted as RFC 4180 says: commas, quotes and line breaks; CRLF between records")
  void quoting() {
    assertThat(CsvReport.field("plain")).isEqualTo("plain");
    assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvReport.field("she said \"no\"")).isEqualTo("\"she said \"\"no\"\"\"");
    assertThat(CsvReport.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvReport.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(CsvReport.field("-3")).isEqualTo("-3");
  }

  @Test
  @DisplayName("suppressed figures are <5 in the CSV too, never their number")
  void suppression() {
    Survey survey = new Survey("exit", List.of(Questions.rating("overall")));
    List<Answer> answers = Answers.campaign().answer("overall", 3, "1").answer("overall", 7, "2").answer("overall", 11, "5").build();
    String csv = CsvReport.render(new Aggregator(5, new Redactor(), Safeguarding.defaults())
        .results(Answers.CAMPAIGN, survey, answers, Filter.NONE));
    assertThat(csv).startsWith("question,type,option,count,total,mean\r\n");
    assertThat(csv).contains("overall,rating,1,<5,21,\r\n").contains("overall,rating,2,<5,21,\r\n")
        .contains("overall,rating,5,11,21,\r\n");
    assertThat(csv).doesNotContain("rating,1,3,").doesNotContain("rating,2,7,");
    assertThat(csv.split("\r\n")).allMatch(line -> !line.contains("\n"));
  }

  @Test
  @DisplayName("a shared text with commas and quotes stays one field")
  void texts() {
    Survey survey = new Survey("exit", List.of(Questions.freeText("say")));
    Answers a = Answers.campaign();
    for (int i = 0; i < 5; i++) {
      a.text("say", "good, \"really\" good " + (char) ('a' + i), true);
    }
    String csv = CsvReport.render(new Aggregator(5, new Redactor(), Safeguarding.defaults())
        .results(Answers.CAMPAIGN, survey, a.build(), Filter.NONE));
    assertThat(csv).contains("say,free_text,text,\"good, \"\"really\"\" good a\",,\r\n");
  }
}
