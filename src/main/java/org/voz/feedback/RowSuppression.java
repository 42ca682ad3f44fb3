package org.voz.feedback;

import java.util.Arrays;

/**
 * Small-cell suppression of one row: the cells of one question for one group of respondents.
 *
 * <p>Additive rows (every respondent in exactly one cell, "skipped" included; total n):
 * <ol>
 *   <li>if n &lt; k, every cell and the total are hidden;</li>
 *   <li>primary: every cell with 0 &lt; count &lt; k is hidden;</li>
 *   <li>complementary: while the audit below fails, the smallest non-zero visible cell is hidden too (so a
 *       single hidden cell always gets a partner: the total minus the visible cells would be that cell);</li>
 *   <li>if no visible cell is left and the audit still fails, everything is hidden, zeros and total included:
 *       the same output as a row of fewer than k, so the failure itself tells nothing.</li>
 * </ol>
 *
 * <p>The audit assumes a strong attacker: one who knows the total, the visible cells, and even which hidden
 * cells are primary (so each lies in [1, k-1]) and which are complements (so each lies in [k, n], and at
 * most the smallest non-zero cell still visible, since complements are taken smallest first). It
 * computes, for every hidden cell, the range of values consistent with all of that, and passes only when
 * every hidden cell keeps at least two possible values. Real readers know less: every hidden cell shows the
 * same {@code "<k"}.
 *
 * <p>Multiple-choice rows (a person may pick several options; n = those who answered): an option is
 * primary when it was picked, or not picked, by 1 to k-1 people; the audit uses the only constraint that
 * links the options, that everyone picked at least one (the hidden options add up to at least n minus the
 * visible ones), and complements are added the same way.
 */
public final class RowSuppression {

  /** What to hide: a flag per cell, and whether the total must go too. */
  public record Hidden(boolean[] cells, boolean total) {}

  private RowSuppression() {}

  public static Hidden additive(int[] counts, int k) {
    requireK(k);
    int n = Arrays.stream(counts).sum();
    if (n < k) {
      return everything(counts.length);
    }
    boolean[] hidden = new boolean[counts.length];
    long[] lo = new long[counts.length];
    long[] hi = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && counts[i] < k) {
        hidden[i] = true;
        lo[i] = 1;
        hi[i] = k - 1;
      }
    }
    return complete(counts, k, n, hidden, lo, hi, (h, l, u) -> additiveSafe(counts, h, l, u));
  }

  public static Hidden multiple(int[] counts, int answered, int k) {
    requireK(k);
    if (answered < k) {
      return everything(counts.length);
    }
    boolean[] hidden = new boolean[counts.length];
    long[] lo = new long[counts.length];
    long[] hi = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      int notChose = answered - counts[i];
      if (counts[i] > 0 && counts[i] < k) {
        hidden[i] = true;
        lo[i] = 1;
        hi[i] = k - 1;
      } else if (notChose > 0 && notChose < k) {
        hidden[i] = true;
        lo[i] = answered - (k - 1);
        hi[i] = answered - 1;
      }
    }
    return complete(counts, k, answered, hidden, lo, hi, (h, l, u) -> multipleSafe(counts, answered, h, l, u));
  }

  /** Whether the hidden cells, each known to lie in [lo, hi], keep every one of them unrecoverable. */
  @FunctionalInterface
  private interface Safe {
    boolean test(boolean[] hidden, long[] lo, long[] hi);
  }

  /**
   * Hides complementary cells, the smallest visible non-zero first (each known only to lie in [k, max]), until
   * {@code safe} holds; everything when no cell is left to hide.
   */
  private static Hidden complete(int[] counts, int k, long max, boolean[] hidden, long[] lo, long[] hi, Safe safe) {
    boolean[] complement = new boolean[counts.length];
    while (!safe.test(hidden, lo, capped(counts, hidden, complement, hi))) {
      int next = smallestVisibleNonZero(counts, hidden);
      if (next < 0) {
        return everything(counts.length);
      }
      hidden[next] = true;
      complement[next] = true;
      lo[next] = k;
      hi[next] = max;
    }
    return new Hidden(hidden, false);
  }

  /** Every hidden cell keeps two or more values given that the hidden cells sum to total minus the visible ones. */
  static boolean additiveSafe(int[] counts, boolean[] hidden, long[] lo, long[] hi) {
    long sum = 0;
    long sumLo = 0;
    long sumHi = 0;
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        sum += counts[i];
        sumLo += lo[i];
        sumHi += hi[i];
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        long min = Math.max(lo[i], sum - (sumHi - hi[i]));
        long max = Math.min(hi[i], sum - (sumLo - lo[i]));
        if (max - min < 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every hidden option keeps two or more values given that the hidden options sum to at least n minus the visible ones. */
  static boolean multipleSafe(int[] counts, int answered, boolean[] hidden, long[] lo, long[] hi) {
    long atLeast = answered;
    long sumHi = 0;
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        sumHi += hi[i];
      } else {
        atLeast -= counts[i];
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        long min = Math.max(lo[i], atLeast - (sumHi - hi[i]));
        if (hi[i] - min < 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Complements were the smallest non-zero visible cells when chosen, so an attacker knows each is at most
   * the smallest non-zero cell still visible: their upper bound is capped by it.
   */
  private static long[] capped(int[] counts, boolean[] hidden, boolean[] complement, long[] hi) {
    long smallestVisible = Long.MAX_VALUE;
    for (int i = 0; i < counts.length; i++) {
      if (!hidden[i] && counts[i] > 0) {
        smallestVisible = Math.min(smallestVisible, counts[i]);
      }
    }
    long[] out = hi.clone();
    for (int i = 0; i < counts.length; i++) {
      if (complement[i]) {
        out[i] = Math.min(out[i], smallestVisible);
      }
    }
    return out;
  }

  private static Hidden everything(int cells) {
    boolean[] hidden = new boolean[cells];
    Arrays.fill(hidden, true);
    return new Hidden(hidden, true);
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
