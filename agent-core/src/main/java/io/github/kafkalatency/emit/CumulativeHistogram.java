package io.github.kafkalatency.emit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Counts since the agent started, in the fixed Prometheus bucket layout {@link
 * #UPPER_BOUNDS_SECONDS}: 10 µs to 10 s in steps of 1, 2.5, 5 per decade, then +Inf. The layout is
 * the same on every broker and every agent version that keeps it, so that {@code sum by (le)}
 * across a fleet adds like with like.
 *
 * <p>Usage: {@link #add} each interval's HdrHistogram (2 significant digits, nanoseconds) once;
 * read {@link #bucketCounts()}, {@link #count()}, {@link #sumSeconds()}. A value lands in the first
 * bucket whose bound is at or above the highest value of its HdrHistogram bucket (the value
 * HdrHistogram's own percentiles report), so a value within 1 % above a bound may be counted one
 * bucket up. The sum is each HdrHistogram bucket's median times its count: exact to that same 1 %.
 *
 * <p>Not thread-safe: the caller guards it (the aggregator adds, a scrape reads).
 */
final class CumulativeHistogram {
  static final double[] UPPER_BOUNDS_SECONDS = {
    0.00001,
    0.000025,
    0.00005,
    0.0001,
    0.00025,
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
    Double.POSITIVE_INFINITY
  };
  private static final long[] UPPER_BOUNDS_NANOS = new long[UPPER_BOUNDS_SECONDS.length - 1];

  static {
    for (int i = 0; i < UPPER_BOUNDS_NANOS.length; i++) {
      UPPER_BOUNDS_NANOS[i] = Math.round(UPPER_BOUNDS_SECONDS[i] * 1e9);
    }
  }

  private final long[] counts = new long[UPPER_BOUNDS_SECONDS.length];
  private long count;
  private double sumNanos;

  void add(Histogram h) {
    if (h == null || h.getTotalCount() == 0) {
      return;
    }
    for (HistogramIterationValue v : h.recordedValues()) {
      long n = v.getCountAtValueIteratedTo();
      counts[bucketOf(v.getValueIteratedTo())] += n;
      count += n;
      sumNanos += (double) h.medianEquivalentValue(v.getValueIteratedTo()) * n;
    }
  }

  static int bucketOf(long nanos) {
    int i = 0;
    while (i < UPPER_BOUNDS_NANOS.length && nanos > UPPER_BOUNDS_NANOS[i]) {
      i++;
    }
    return i;
  }

  /** Per bucket, not cumulative: the count of values above the previous bound up to this one. */
  long[] bucketCounts() {
    return counts.clone();
  }

  long count() {
    return count;
  }

  double sumSeconds() {
    return sumNanos / 1e9;
  }
}
