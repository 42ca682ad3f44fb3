package org.voz.feedback;

import java.util.Arrays;

/**
 * Small-cell suppression of one row: the cells of one question for one group of respondents.
 *
 * <p>The rule, for an additive row (every respondent in exactly one cell, "skipped" included; total n):
 * <ol>
 *   <li>if n &lt; k, every cell and the total are hidden;</li>
 *   <li>primary: every cell with 0 &lt; count &lt; k is hidden;</li>
 *   <li>complementary: while an attacker who knows the total, the visible cells, and even which hidden
 *       cells are primary (so each lies in [1, k-1]) and which are complementary (≥ 0) could pin a primary
 *       cell to a single value, the smallest non-zero visible cell is hidden too. With one hidden cell
 *       this always triggers (total minus the visible cells is that cell); with two primaries summing to 2
 *       it triggers too (both must be 1);</li>
 *   <li>if no visible cell is left to hide and the audit still fails, the total is hidden.</li>
 * </ol>
 * A binary row (one option of a multiple-choice question: chose / did not choose) hides the option's count
 * when either side is between 1 and k-1.
 */
public final class RowSuppression {

  /** What to hide: a flag per cell, and whether the total must go too. */
  public record Hidden(boolean[] cells, boolean total) {
    public boolean any() {
      for (boolean c : cells) {
        if (c) {
          return true;
        }
      }
      return total;
    }
  }

  private RowSuppression() {}

  public static Hidden additive(int[] counts, int k) {
    requireK(k);
    int n = Arrays.stream(counts).sum();
    boolean[] hidden = new boolean[counts.length];
    if (n < k) {
      Arrays.fill(hidden, true);
      return new Hidden(hidden, true);
    }
    boolean[] primary = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      primary[i] = counts[i] > 0 && counts[i] < k;
      hidden[i] = primary[i];
    }
    while (!safe(counts, hidden, primary, n, k)) {
      int next = smallestVisibleNonZero(counts, hidden);
      if (next < 0) {
        return new Hidden(hidden, true);
      }
      hidden[next] = true;
    }
    return new Hidden(hidden, false);
  }

  /** One option of a multiple-choice question: {@code chose} of {@code answered} picked it. */
  public static boolean binaryHidden(int chose, int answered, int k) {
    requireK(k);
    int notChose = answered - chose;
    return answered < k || (chose > 0 && chose < k) || (notChose > 0 && notChose < k);
  }

  /**
   * The audit: for each primary cell, the values consistent with the published total and visible cells
   * (primaries in [1, k-1], complements in [0, n]); safe when every primary keeps at least two.
   */
  static boolean safe(int[] counts, boolean[] hidden, boolean[] primary, int n, int k) {
    int hiddenSum = 0;
    long sumLo = 0;
    long sumHi = 0;
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        hiddenSum += counts[i];
        sumLo += primary[i] ? 1 : 0;
        sumHi += primary[i] ? k - 1 : n;
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (!primary[i]) {
        continue;
      }
      long othersLo = sumLo - 1;
      long othersHi = sumHi - (k - 1);
      long lo = Math.max(1, hiddenSum - othersHi);
      long hi = Math.min(k - 1, hiddenSum - othersLo);
      if (hi - lo < 1) {
        return false;
      }
    }
    return true;
  }

  private static int smallestVisibleNonZero(int[] counts, boolean[] hidden) {
    int best = -1;
    for (int i = 0; i < counts.length; i++) {
      if (!hidden[i] && counts[i] > 0 && (best < 0 || counts[i] < counts[best])) {
        best = i;
      }
    }
    return best;
  }

  private static void requireK(int k) {
    if (k < 3) {
      throw new IllegalArgumentException("k must be at least 3: " + k);
    }
  }
}
