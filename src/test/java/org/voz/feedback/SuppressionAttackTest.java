package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An attacker who downloads every table the API can publish — unfiltered and under every combination of
 * language, programme and exit period — and solves the published cells and totals as a system of linear
 * equations over the true counts of the finest groups. Any count that is a linear consequence of the published
 * figures (a difference of two filters, a total minus the other cells, a sum of disjoint filters subtracted
 * from the whole) is recovered. The test asserts it recovers no suppressed cell, and that the same attacker
 * does recover one from tables suppressed one by one (so the attack is real).
 */
@DisplayName("Attack: recovering a suppressed cell from the published figures")
class SuppressionAttackTest {

  private static final int K = 5;
  private static final Question SAFE = Questions.yesNo("safe");
  private static final Survey SURVEY = new Survey("exit", List.of(SAFE));
  private static final List<String> LANGUAGES = List.of("es", "en", "pt");
  private static final List<String> PROGRAMMES = List.of("shelter", "legal");
  private static final List<String> PERIODS = List.of("2025-Q3", "2025-Q4");
  private static final List<String> CELLS = List.of("yes", "no", "skipped");

  /** es/shelter has a "no" of 2; every group is big enough for the programme filter to be offered. */
  private static List<Answer> answers() {
    return Answers.campaign()
        .as("es", "shelter", "2025-Q3").answer("safe", 9, "yes").answer("safe", 2, "no").skip("safe", 1)
        .as("es", "legal", "2025-Q3").answer("safe", 6, "yes").answer("safe", 7, "no")
        .as("en", "shelter", "2025-Q4").answer("safe", 8, "yes").answer("safe", 5, "no").skip("safe", 6)
        .as("en", "legal", "2025-Q4").answer("safe", 12, "yes").answer("safe", 1, "no")
        .as("pt", "shelter", "2025-Q3").answer("safe", 10, "yes").answer("safe", 6, "no")
        .as("pt", "legal", "2025-Q4").answer("safe", 7, "yes").answer("safe", 3, "no").skip("safe", 2)
        .build();
  }

  private static List<Filter> everyFilter() {
    List<Filter> filters = new ArrayList<>();
    for (String l : withAny(LANGUAGES)) {
      for (String p : withAny(PROGRAMMES)) {
        for (String e : withAny(PERIODS)) {
          filters.add(new Filter(l, p, e));
        }
      }
    }
    return filters;
  }

  private static List<String> withAny(List<String> values) {
    List<String> all = new ArrayList<>();
    all.add(null);
    all.addAll(values);
    return all;
  }

  /** One unknown per (finest group, cell). */
  private record Unknowns(List<Profile> groups) {
    int size() {
      return groups.size() * CELLS.size();
    }

    int index(Profile g, String cell) {
      return groups.indexOf(g) * CELLS.size() + CELLS.indexOf(cell);
    }

    double[] vector(Filter f, List<String> cells) {
      double[] v = new double[size()];
      for (Profile g : groups) {
        if (f.matches(g)) {
          cells.forEach(c -> v[index(g, c)] = 1);
        }
      }
      return v;
    }
  }

  private record Secret(String what, double[] vector, int value) {}

  private static Unknowns unknowns(List<Answer> answers) {
    return new Unknowns(answers.stream().map(Answer::profile).distinct().toList());
  }

  private static int truth(List<Answer> answers, Filter f, String cell) {
    return (int) answers.stream().filter(a -> f.matches(a.profile()))
        .filter(a -> cell.equals("skipped") ? a.skipped() : a.values().contains(cell)).count();
  }

  /** Publishes every filter with {@code publish}, collecting equations and the hidden cells (the secrets). */
  private static List<Secret> attack(List<Answer> answers, BiFunction<List<Answer>, Filter, QuestionResult> publish) {
    Unknowns x = unknowns(answers);
    List<double[]> equations = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    for (Filter f : everyFilter()) {
      QuestionResult q = publish.apply(answers, f);
      if (q.withheld() != null) {
        continue;
      }
      if (q.total() != null) {
        equations.add(x.vector(f, CELLS));
      }
      for (Cell c : q.cells()) {
        double[] v = x.vector(f, List.of(c.option()));
        if (c.suppressed()) {
          secrets.add(new Secret(f + " " + c.option(), v, truth(answers, f, c.option())));
        } else {
          equations.add(v);
        }
      }
    }
    // the finest groups' small cells are secrets too, whether or not a table shows them
    for (Profile g : x.groups()) {
      for (String cell : CELLS) {
        Filter exact = new Filter(g.language(), g.programme(), g.exitPeriod());
        int value = truth(answers, exact, cell);
        if (value > 0 && value < K) {
          secrets.add(new Secret(exact + " " + cell, x.vector(exact, List.of(cell)), value));
        }
      }
    }
    Span span = new Span(equations, x.size());
    return secrets.stream().filter(s -> span.contains(s.vector())).toList();
  }

  @Test
  @DisplayName("no suppressed cell, and no small cell of any group, follows from every table Voz publishes")
  void vozResistsDifferencing() {
    Aggregator aggregator = new Aggregator(K, new Redactor(), Safeguarding.defaults());
    List<Secret> recovered = attack(answers(),
        (answers, f) -> aggregator.results(Answers.CAMPAIGN, SURVEY, answers, f).questions().get(0));
    assertThat(recovered).extracting(Secret::what).isEmpty();
  }

  @Test
  @DisplayName("the filters that are offered do publish figures (the attack has something to work with)")
  void somethingPublished() {
    Aggregator aggregator = new Aggregator(K, new Redactor(), Safeguarding.defaults());
    QuestionResult byProgramme = aggregator.results(Answers.CAMPAIGN, SURVEY, answers(), new Filter(null, "legal", null)).questions().get(0);
    assertThat(byProgramme.withheld()).isNull();
    assertThat(byProgramme.total()).isEqualTo(38);
    assertThat(aggregator.enabledDimensions(SAFE, answers())).contains(Filter.Dimension.LANGUAGE, Filter.Dimension.PROGRAMME);
  }

  @Test
  @DisplayName("the same attack recovers small cells from tables suppressed one by one (e.g. es minus es/legal)")
  void naiveSuppressionFails() {
    List<Secret> recovered = attack(answers(), SuppressionAttackTest::naive);
    assertThat(recovered).isNotEmpty();
    assertThat(recovered).anyMatch(s -> s.value() > 0 && s.value() < K);
  }

  @Test
  @DisplayName("random campaigns: no hidden cell is ever a linear consequence of the published figures")
  void randomCampaigns() {
    Aggregator aggregator = new Aggregator(K, new Redactor(), Safeguarding.defaults());
    long seed = 20261123;
    for (int round = 0; round < 40; round++) {
      Answers a = Answers.campaign();
      for (String l : LANGUAGES) {
        for (String p : PROGRAMMES) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          int r = (int) (seed >>> 33);
          a.as(l, p, PERIODS.get(r & 1)).answer("safe", (r >> 1) % 12, "yes").answer("safe", (r >> 5) % 9, "no").skip("safe", (r >> 9) % 4);
        }
      }
      List<Answer> answers = a.build();
      if (answers.isEmpty()) {
        continue;
      }
      List<Secret> recovered = attack(answers,
          (list, f) -> aggregator.results(Answers.CAMPAIGN, SURVEY, list, f).questions().get(0));
      assertThat(recovered).as("round %d", round).extracting(Secret::what).isEmpty();
    }
  }

  /** Suppression table by table, each on its own (what Voz does NOT do). */
  private static QuestionResult naive(List<Answer> answers, Filter f) {
    int[] counts = new int[CELLS.size()];
    for (int i = 0; i < CELLS.size(); i++) {
      counts[i] = truth(answers, f, CELLS.get(i));
    }
    RowSuppression.Hidden h = RowSuppression.additive(counts, K);
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < CELLS.size(); i++) {
      cells.add(new Cell(CELLS.get(i), h.cells()[i] ? null : counts[i]));
    }
    return new QuestionResult("safe", "yes_no", h.total() ? null : Arrays.stream(counts).sum(), cells, null, List.of(), null);
  }

  /** The row space of the published equations, in reduced row-echelon form. */
  private static final class Span {
    private final List<double[]> rows = new ArrayList<>();
    private final Map<Integer, Integer> pivotRow = new LinkedHashMap<>();

    Span(List<double[]> equations, int size) {
      for (double[] e : equations) {
        double[] r = reduce(e.clone());
        int pivot = firstNonZero(r);
        if (pivot < 0) {
          continue;
        }
        double p = r[pivot];
        for (int i = 0; i < size; i++) {
          r[i] /= p;
        }
        for (double[] other : rows) {
          double f = other[pivot];
          if (Math.abs(f) > 1e-9) {
            for (int i = 0; i < size; i++) {
              other[i] -= f * r[i];
            }
          }
        }
        pivotRow.put(pivot, rows.size());
        rows.add(r);
      }
    }

    private double[] reduce(double[] v) {
      for (Map.Entry<Integer, Integer> e : pivotRow.entrySet()) {
        double f = v[e.getKey()];
        if (Math.abs(f) > 1e-9) {
          double[] r = rows.get(e.getValue());
          for (int i = 0; i < v.length; i++) {
            v[i] -= f * r[i];
          }
        }
      }
      return v;
    }

    boolean contains(double[] v) {
      return firstNonZero(reduce(v.clone())) < 0;
    }

    private static int firstNonZero(double[] v) {
      for (int i = 0; i < v.length; i++) {
        if (Math.abs(v[i]) > 1e-9) {
          return i;
        }
      }
      return -1;
    }
  }
}
