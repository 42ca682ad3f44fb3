package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SVG bar chart")
class SvgChartTest {

  private static QuestionResult result(List<Answer> answers) {
    Survey survey = new Survey("exit", List.of(Questions.rating("overall"),
        Questions.single("best", "housing", "legal", "health")));
    return new Aggregator(5, new Redactor(), Safeguarding.defaults())
        .results(Answers.CAMPAIGN, survey, answers, Filter.NONE).questions().stream()
        .filter(q -> q.questionId().equals(answers.get(0).questionId())).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("accessible plain SVG: role img, title, desc, a label per option, no script or external reference")
  void accessible() {
    String svg = SvgChart.render("How were the services? <overall>", result(Answers.campaign().answer("overall", 6, "4").answer("overall", 9, "5").build()), 5);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("role=\"img\"")
        .contains("<title id=\"t\">How were the services? &lt;overall&gt;</title>").contains("<desc id=\"d\">");
    for (String option : List.of("1", "2", "3", "4", "5", "skipped")) {
      assertThat(svg).contains(">" + option + "</text>");
    }
    assertThat(svg.toLowerCase()).doesNotContain("<script").doesNotContain("onload").doesNotContain("href").doesNotContain("<foreignobject");
  }

  @Test
  @DisplayName("suppressed bars are hatched, all the same width, labelled <5, and their counts appear nowhere")
  void suppressedBars() {
    QuestionResult q = result(Answers.campaign().answer("best", 2, "housing").answer("best", 3, "legal").answer("best", 13, "health").build());
    assertThat(q.cells()).extracting(Cell::suppressed).containsExactly(true, true, false, false);
    String svg = SvgChart.render("Overall", q, 5);
    assertThat(svg).contains("fill=\"url(#hatch)\"").contains("&lt;5");
    Matcher hatched = Pattern.compile("width=\"(\\d+)\" height=\"20\" fill=\"url\\(#hatch\\)\"").matcher(svg);
    java.util.Set<String> widths = new java.util.HashSet<>();
    int n = 0;
    while (hatched.find()) {
      widths.add(hatched.group(1));
      n++;
    }
    assertThat(n).isEqualTo(q.cells().stream().filter(Cell::suppressed).count());
    assertThat(widths).hasSize(1);
    String withoutMarkup = svg.replaceAll("<[^>]*>", " ");
    assertThat(withoutMarkup).doesNotContainPattern("(^|\\D)[23](\\D|$)");
  }
}
