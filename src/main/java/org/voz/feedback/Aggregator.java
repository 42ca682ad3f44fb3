package org.voz.feedback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<Answer> counted = respondents(q, answers);
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

  private QuestionResult question(Question q, List<Answer> answers, Filter filter) {
    Set<Filter.Dimension> enabled = enabledDimensions(q, answers);
    List<String> labels = labels(q);
    if (!enabled.containsAll(filter.constraints().keySet())) {
      return new QuestionResult(q.id(), q.type(), null, labels.stream().map(l -> new Cell(l, null)).toList(), null,
          List.of(), "this filter would single out groups of fewer than " + k + " people");
    }
    Map<List<String>, List<Answer>> atoms = new LinkedHashMap<>();
    for (Answer a : respondents(q, answers)) {
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
      int[] counts = counts(q, labels, atom);
      RowSuppression.Hidden h = suppress(q, counts, atom.size());
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
    Double mean = q.type() == QuestionType.RATING ? mean(cells) : null;
    List<String> texts = q.type() == QuestionType.FREE_TEXT && filter.isNone() ? texts(answers) : List.of();
    return new QuestionResult(q.id(), q.type(), totalHidden ? null : total, cells, mean, texts, null);
  }

  /** The cells of a question: its options and "skipped"; for multiple choice the options only; for free text answered/skipped. */
  static List<String> labels(Question q) {
    List<String> labels = new ArrayList<>(q.type() == QuestionType.FREE_TEXT ? List.of(ANSWERED) : q.options());
    if (q.additive()) {
      labels.add(SKIPPED);
    }
    return labels;
  }

  /** Who counts for a question: everyone who reached it, except that multiple choice counts those who answered. */
  private static List<Answer> respondents(Question q, List<Answer> answers) {
    return q.additive() ? answers : answers.stream().filter(a -> !a.skipped()).toList();
  }

  private static int[] counts(Question q, List<String> labels, List<Answer> atom) {
    int[] counts = new int[labels.size()];
    for (Answer a : atom) {
      if (a.skipped()) {
        counts[labels.indexOf(SKIPPED)]++;
      } else if (q.type() == QuestionType.FREE_TEXT) {
        counts[0]++;
      } else {
        a.values().forEach(v -> counts[labels.indexOf(v)]++);
      }
    }
    return counts;
  }

  private RowSuppression.Hidden suppress(Question q, int[] counts, int respondents) {
    return q.additive() ? RowSuppression.additive(counts, k) : RowSuppression.multiple(counts, respondents, k);
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
