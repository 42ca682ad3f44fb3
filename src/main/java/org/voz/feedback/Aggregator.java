package org.voz.feedback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts, means and shareable texts per question, with small-cell suppression that also holds across
 * filters.
 *
 * <p><b>Filters.</b> Per question, the dimensions language, programme and exit period are enabled in that
 * order, each only if, together with those already enabled, it splits the question's respondents into
 * groups ("atoms") of at least k people each. A filter may use enabled dimensions only; otherwise the
 * question is withheld under that filter. So every published total is a sum of atom totals that are all ≥ k.
 *
 * <p><b>Suppression.</b> It is decided once, on the atoms ({@link RowSuppression}); every published table —
 * unfiltered or filtered — is a sum of atoms, and a cell is shown only if it is visible in every atom it
 * sums. Each published figure is then a sum of figures that are safe on their own (visible atom cells,
 * atom totals), so subtracting tables, filters or totals from each other yields nothing an atom's own
 * audit did not already allow. Every hidden cell shows the same {@code "<k"}, whatever its size.
 *
 * <p><b>Means</b> are shown only when every rating cell is visible (then the mean tells nothing new: it
 * follows from the cells). <b>Free text</b> is shown only unfiltered, only answers shared by the survivor,
 * redacted, without any that need escalation, sorted by content, and only when at least k are shareable.
 */
public final class Aggregator {

  public static final int DEFAULT_K = 5;
  public static final String SKIPPED = "skipped";
  public static final String ANSWERED = "answered";

  private final int k;
  private final Redactor redactor;
  private final Safeguarding safeguarding;

  public Aggregator(int k, Redactor redactor, Safeguarding safeguarding) {
    if (k < 3) {
      throw new IllegalArgumentException("k must be at least 3");
    }
    this.k = k;
    this.redactor = redactor;
    this.safeguarding = safeguarding;
  }

  public int k() {
    return k;
  }

  public Results results(String campaignId, Survey survey, Collection<Answer> answers, Filter filter) {
    Map<String, List<Answer>> byQuestion = answers.stream().filter(a -> a.campaignId().equals(campaignId))
        .collect(Collectors.groupingBy(Answer::questionId));
    List<QuestionResult> out = new ArrayList<>();
    for (Question q : survey.questions()) {
      List<Answer> own = byQuestion.getOrDefault(q.id(), List.of()).stream().filter(a -> a.fits(q)).toList();
      out.add(question(q, own, filter));
    }
    return new Results(campaignId, filter, k, out);
  }

  /** The dimensions a filter may use for this question's answers (see the class comment). */
  public Set<Filter.Dimension> enabledDimensions(Question q, List<Answer> answers) {
    List<Answer> counted = respondents(tally(q.shape()), answers);
    Set<Filter.Dimension> enabled = EnumSet.noneOf(Filter.Dimension.class);
    if (counted.size() < k) {
      return enabled;
    }
    for (Filter.Dimension d : Filter.Dimension.values()) {
      Set<Filter.Dimension> trial = EnumSet.copyOf(enabled);
      trial.add(d);
      boolean big = counted.stream().collect(Collectors.groupingBy(a -> atomKey(a.profile(), trial), Collectors.counting()))
          .values().stream().allMatch(n -> n >= k);
      if (big) {
        enabled.add(d);
      }
    }
    return enabled;
  }

  /**
   * How the answers of one shape are counted: what each {@link AnswerShape} means to the figures.
   *
   * @param cells    the published cells, in order
   * @param additive the cells add up to the respondents (one answer each, skips counted), so that subtraction works;
   *                 otherwise only those who answered count, and each cell is suppressed on its own
   * @param cellsOf  the cells an answer (not a skip) counts in
   * @param mean     the mean of the numbered cells is published
   * @param texts    the shareable texts are published (unfiltered only)
   */
  record Tally(List<String> cells, boolean additive, Function<Answer, List<String>> cellsOf, boolean mean,
      boolean texts) {}

  /** The one place each shape of answers has its case: a new {@link AnswerShape} is a new case here. */
  static Tally tally(AnswerShape shape) {
    if (shape instanceof AnswerShape.OneOf one) {
      return new Tally(withSkipped(one.codes()), true, Answer::values, false, false);
    } else if (shape instanceof AnswerShape.Scale scale) {
      return new Tally(withSkipped(scale.codes()), true, Answer::values, true, false);
    } else if (shape instanceof AnswerShape.AnyOf any) {
      return new Tally(any.codes(), false, Answer::values, false, false);
    } else if (shape instanceof AnswerShape.FreeText) {
      return new Tally(withSkipped(List.of(ANSWERED)), true, answer -> List.of(ANSWERED), false, true);
    }
    throw new IllegalArgumentException("the aggregator has no case for " + shape.getClass().getSimpleName());
  }

  private static List<String> withSkipped(List<String> cells) {
    List<String> all = new ArrayList<>(cells);
    all.add(SKIPPED);
    return List.copyOf(all);
  }

  private QuestionResult question(Question q, List<Answer> answers, Filter filter) {
    Tally tally = tally(q.shape());
    Set<Filter.Dimension> enabled = enabledDimensions(q, answers);
    List<String> labels = tally.cells();
    if (!enabled.containsAll(filter.constraints().keySet())) {
      return new QuestionResult(q.id(), q.type(), null, labels.stream().map(l -> new Cell(l, null)).toList(), null,
          List.of(), "this filter would single out groups of fewer than " + k + " people");
    }
    Map<List<String>, List<Answer>> atoms = new LinkedHashMap<>();
    for (Answer a : respondents(tally, answers)) {
      atoms.computeIfAbsent(atomKey(a.profile(), enabled), x -> new ArrayList<>()).add(a);
    }
    int[] sum = new int[labels.size()];
    boolean[] hidden = new boolean[labels.size()];
    int total = 0;
    boolean totalHidden = false;
    for (List<Answer> atom : atoms.values()) {
      if (!filter.matches(atom.get(0).profile())) {
        continue;
      }
      int[] counts = counts(tally, atom);
      RowSuppression.Hidden h = tally.additive() ? RowSuppression.additive(counts, k)
          : RowSuppression.multiple(counts, atom.size(), k);
      for (int i = 0; i < counts.length; i++) {
        sum[i] += counts[i];
        hidden[i] |= h.cells()[i];
      }
      total += atom.size();
      totalHidden |= h.total();
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      cells.add(new Cell(labels.get(i), hidden[i] ? null : sum[i]));
    }
    Double mean = tally.mean() ? mean(cells) : null;
    List<String> texts = tally.texts() && filter.isNone() ? texts(answers) : List.of();
    return new QuestionResult(q.id(), q.type(), totalHidden ? null : total, cells, mean, texts, null);
  }

  /** Who counts for a question: everyone who reached it, except that multiple choice counts those who answered. */
  private static List<Answer> respondents(Tally tally, List<Answer> answers) {
    return tally.additive() ? answers : answers.stream().filter(a -> !a.skipped()).toList();
  }

  private static int[] counts(Tally tally, List<Answer> atom) {
    List<String> labels = tally.cells();
    int[] counts = new int[labels.size()];
    for (Answer a : atom) {
      if (a.skipped()) {
        counts[labels.indexOf(SKIPPED)]++;
      } else {
        tally.cellsOf().apply(a).forEach(v -> counts[labels.indexOf(v)]++);
      }
    }
    return counts;
  }

  private Double mean(List<Cell> cells) {
    int n = 0;
    int sum = 0;
    for (Cell c : cells) {
      if (c.option().equals(SKIPPED)) {
        continue;
      }
      if (c.suppressed()) {
        return null;
      }
      n += c.count();
      sum += c.count() * Integer.parseInt(c.option());
    }
    return n < k ? null : Math.round(10.0 * sum / n) / 10.0;
  }

  private List<String> texts(List<Answer> answers) {
    List<String> shared = answers.stream()
        .filter(a -> a.shareText() && !safeguarding.escalates(a))
        .map(a -> redactor.redact(a.text()))
        .sorted()
        .toList();
    return shared.size() < k ? List.of() : shared;
  }

  private static List<String> atomKey(Profile profile, Set<Filter.Dimension> dims) {
    List<String> key = new ArrayList<>();
    for (Filter.Dimension d : Filter.Dimension.values()) {
      key.add(dims.contains(d) ? profile.get(d) : "*");
    }
    return key;
  }
}
