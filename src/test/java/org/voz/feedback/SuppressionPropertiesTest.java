package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Small-cell suppression over random tables. The attacker here is the one {@link RowSuppression} describes (knows
 * the total, the visible cells, which hidden cells are primary and which complements, and that complements are at
 * most the smallest visible non-zero cell), but solved by enumeration rather than by the class's interval
 * arithmetic: for each hidden cell, the values it can take in some assignment of all hidden cells that is
 * consistent with what is published.
 */
@Label("Suppression properties")
class SuppressionPropertiesTest {

  @Provide
  Arbitrary<int[]> row() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 12)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 60)))
        .list().ofMinSize(1).ofMaxSize(7).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
  }

  @Property(tries = 3000)
  @Label("additive rows: never throws; no visible cell under k; total hidden means every cell hidden; fewer than k: all hidden")
  void additiveInvariants(@ForAll("row") int[] counts, @ForAll @IntRange(min = 3, max = 11) int k) {
    RowSuppression.Hidden h = RowSuppression.additive(counts, k);
    int n = java.util.Arrays.stream(counts).sum();
    assertThat(h.cells()).hasSize(counts.length);
    for (int i = 0; i < counts.length; i++) {
      if (!h.cells()[i]) {
        assertThat(counts[i] == 0 || counts[i] >= k).as("visible cell %d of %s", i, java.util.Arrays.toString(counts))
            .isTrue();
      }
    }
    if (h.total()) {
      assertThat(h.cells()).containsOnly(true);
    }
    if (n < k) {
      assertThat(h.total()).isTrue();
    }
  }

  @Property(tries = 3000)
  @Label("additive rows: the documented attacker pins no hidden cell to one value")
  void additiveAttack(@ForAll("row") int[] counts, @ForAll @IntRange(min = 3, max = 11) int k) {
    RowSuppression.Hidden h = RowSuppression.additive(counts, k);
    if (h.total()) {
      return; // nothing but zeros-or-not is published
    }
    List<Integer> hidden = new ArrayList<>();
    long visibleSum = 0;
    long smallestVisible = Long.MAX_VALUE;
    for (int i = 0; i < counts.length; i++) {
      if (h.cells()[i]) {
        hidden.add(i);
      } else {
        visibleSum += counts[i];
        if (counts[i] > 0) {
          smallestVisible = Math.min(smallestVisible, counts[i]);
        }
      }
    }
    int n = java.util.Arrays.stream(counts).sum();
    int hiddenSum = (int) (n - visibleSum);
    int[] lo = new int[hidden.size()];
    int[] hi = new int[hidden.size()];
    for (int j = 0; j < hidden.size(); j++) {
      int c = counts[hidden.get(j)];
      boolean primary = c > 0 && c < k;
      lo[j] = primary ? 1 : k;
      hi[j] = primary ? k - 1 : (int) Math.min(n, smallestVisible);
    }
    for (int j = 0; j < hidden.size(); j++) {
      int possible = 0;
      for (int v = lo[j]; v <= hi[j] && possible < 2; v++) {
        if (othersCanSum(lo, hi, j, hiddenSum - v)) {
          possible++;
        }
      }
      assertThat(possible).as("hidden cell %d of %s (k=%d)", hidden.get(j), java.util.Arrays.toString(counts), k)
          .isGreaterThanOrEqualTo(2);
    }
  }

  /** Whether the hidden cells other than {@code skip}, each within its [lo, hi], can add up to {@code target}. */
  private static boolean othersCanSum(int[] lo, int[] hi, int skip, int target) {
    if (target < 0) {
      return false;
    }
    BitSet reachable = new BitSet(target + 1);
    reachable.set(0);
    for (int j = 0; j < lo.length; j++) {
      if (j == skip) {
        continue;
      }
      BitSet next = new BitSet(target + 1);
      for (int s = reachable.nextSetBit(0); s >= 0; s = reachable.nextSetBit(s + 1)) {
        for (int v = lo[j]; v <= hi[j] && s + v <= target; v++) {
          next.set(s + v);
        }
      }
      reachable = next;
    }
    return reachable.get(target);
  }

  @Provide
  Arbitrary<int[]> multipleRow() {
    return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(2, 6), Arbitraries.longs())
        .as((answered, options, seed) -> {
          // each of the respondents picks at least one option
          java.util.Random random = new java.util.Random(seed);
          int[] counts = new int[options + 1];
          counts[options] = answered;
          for (int person = 0; person < answered; person++) {
            boolean any = false;
            for (int o = 0; o < options; o++) {
              if (random.nextInt(3) == 0) {
                counts[o]++;
                any = true;
              }
            }
            if (!any) {
              counts[random.nextInt(options)]++;
            }
          }
          return counts;
        });
  }

  @Property(tries = 3000)
  @Label("multiple-choice rows: never throws; no visible option picked, or not picked, by 1 to k-1 people")
  void multipleInvariants(@ForAll("multipleRow") int[] row, @ForAll @IntRange(min = 3, max = 11) int k) {
    int answered = row[row.length - 1];
    int[] counts = java.util.Arrays.copyOf(row, row.length - 1);
    RowSuppression.Hidden h = RowSuppression.multiple(counts, answered, k);
    for (int i = 0; i < counts.length; i++) {
      if (!h.cells()[i]) {
        assertThat(counts[i] == 0 || counts[i] >= k).isTrue();
        assertThat(answered - counts[i] == 0 || answered - counts[i] >= k).isTrue();
      }
    }
    if (answered < k) {
      assertThat(h.total()).isTrue();
      assertThat(h.cells()).containsOnly(true);
    }
    if (h.total()) {
      assertThat(h.cells()).containsOnly(true);
    }
  }

  @Property(tries = 200)
  @Label("a k under 3 is refused, whatever the row")
  void smallKRefused(@ForAll("row") int[] counts, @ForAll @IntRange(min = -5, max = 2) int k) {
    assertThatThrownBy(() -> RowSuppression.additive(counts, k)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RowSuppression.multiple(counts, 10, k)).isInstanceOf(IllegalArgumentException.class);
  }

  private static final List<String> LANGUAGES = List.of("es", "en", "pt");
  private static final List<String> PROGRAMMES = List.of("shelter", "legal");
  private static final List<String> PERIODS = List.of("2025-Q3", "2025-Q4");
  private static final Survey SURVEY = new Survey("exit", List.of(
      Questions.yesNo("safe"), Questions.rating("rate"),
      Questions.multiple("what", "food", "legal", "health", "work"),
      Questions.single("one", "a", "b", "c"), Questions.freeText("say")));

  @Provide
  Arbitrary<List<Answer>> answers() {
    Arbitrary<Profile> profile = Combinators.combine(Arbitraries.of(LANGUAGES), Arbitraries.of(PROGRAMMES),
        Arbitraries.of(PERIODS)).as(Profile::new);
    Arbitrary<Answer> answer = Combinators.combine(Arbitraries.of(SURVEY.questions()), profile, Arbitraries.longs())
        .as((q, p, seed) -> {
          java.util.Random random = new java.util.Random(seed);
          if (random.nextInt(6) == 0) {
            return Answer.skipped(Answers.CAMPAIGN, q.id(), null, p);
          }
          return switch (q.type()) {
            case "free_text" -> Answer.anonymous(Answers.CAMPAIGN, q.id(), p, List.of(), "text " + random.nextInt(9),
                random.nextBoolean());
            case "multiple_choice" -> {
              List<String> picked = new ArrayList<>();
              q.options().forEach(o -> {
                if (random.nextBoolean()) {
                  picked.add(o);
                }
              });
              yield Answer.anonymous(Answers.CAMPAIGN, q.id(), p,
                  picked.isEmpty() ? List.of(q.options().get(0)) : picked, null, false);
            }
            default -> Answer.anonymous(Answers.CAMPAIGN, q.id(), p,
                List.of(q.options().get(random.nextInt(q.options().size()))), null, false);
          };
        });
    return answer.list().ofMaxSize(150);
  }

  @Provide
  Arbitrary<Filter> filter() {
    return Combinators.combine(Arbitraries.of(LANGUAGES).injectNull(0.5), Arbitraries.of(PROGRAMMES).injectNull(0.5),
        Arbitraries.of(PERIODS).injectNull(0.5)).as(Filter::new);
  }

  @Property(tries = 300)
  @Label("published tables, filtered or not: never throws; every shown count and total is 0 or at least k")
  void publishedTables(@ForAll("answers") List<Answer> answers, @ForAll("filter") Filter filter,
      @ForAll @IntRange(min = 3, max = 8) int k) {
    Results results = new Aggregator(k, new Redactor(), Safeguarding.defaults())
        .results(Answers.CAMPAIGN, SURVEY, answers, filter);
    for (QuestionResult q : results.questions()) {
      if (q.total() != null) {
        assertThat(q.total() == 0 || q.total() >= k).as("total %d of %s", q.total(), q.questionId()).isTrue();
      }
      for (Cell c : q.cells()) {
        if (!c.suppressed()) {
          assertThat(c.count() == 0 || c.count() >= k).as("%s %s = %d", q.questionId(), c.option(), c.count()).isTrue();
          if ("multiple_choice".equals(q.type()) && q.total() != null) {
            int notChose = q.total() - c.count();
            assertThat(notChose == 0 || notChose >= k).as("%s not %s", q.questionId(), c.option()).isTrue();
          }
        }
      }
      if (!q.texts().isEmpty()) {
        assertThat(filter.isNone()).isTrue();
        assertThat(q.texts().size()).isGreaterThanOrEqualTo(k);
      }
      if (q.mean() != null) {
        assertThat(q.cells()).filteredOn(c -> !c.option().equals(Aggregator.SKIPPED)).noneMatch(Cell::suppressed);
      }
    }
  }
}
