package org.voz.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small log-linear histogram of latencies in nanoseconds (HdrHistogram is not available): values are
 * kept in microseconds, 2^SUB sub-buckets per power of two, so any percentile is within ~1.6 % of the
 * true value. Values from 1 µs to ~2^40 µs. Thread-safe (atomic counters), allocation-free when recording.
 */
final class LogHistogram {

  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  private static final int MAGNITUDES = 40;

  private final AtomicLongArray counts = new AtomicLongArray(SUB * (MAGNITUDES + 1));
  private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

  void recordNanos(long nanos) {
    long micros = Math.max(1, nanos / 1000);
    counts.incrementAndGet(index(micros));
    total.incrementAndGet();
    max.accumulateAndGet(micros, Math::max);
  }

  private static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int magnitude = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS + 1; // >= 1
    if (magnitude > MAGNITUDES) {
      return counts_last();
    }
    int sub = (int) (v >>> magnitude); // in [SUB/2, SUB)
    return magnitude * SUB + sub;
  }

  private static int counts_last() {
    return SUB * (MAGNITUDES + 1) - 1;
  }

  /** The upper edge (µs) of bucket {@code i}. */
  private static long upper(int i) {
    int magnitude = i / SUB;
    int sub = i % SUB;
    if (magnitude == 0) {
      return sub;
    }
    return ((long) (sub + 1) << magnitude) - 1;
  }

  long count() {
    return total.get();
  }

  /** The value at quantile q (0..1), in milliseconds; NaN if empty. */
  double percentileMs(double q) {
    long n = total.get();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * n);
    if (rank < 1) {
      rank = 1;
    }
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upper(i), max.get()) / 1000.0;
      }
    }
    return max.get() / 1000.0;
  }

  double maxMs() {
    return max.get() / 1000.0;
  }
}
