package io.github.kafkalatency.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * One partition's interval histograms, one per {@link Metric}, allocated only when the metric is
 * seen, plus append record and byte counts.
 *
 * <p>Packed histograms with two significant digits: an empty one is a few hundred bytes, so
 * memory follows the partitions that are active, not the ones that exist. Not thread-safe: the
 * aggregator thread owns it.
 */
final class PartitionStats {
  static final long HIGHEST_NANOS = 3_600_000_000_000L;
  static final int DIGITS = 2;

  private final Histogram[] histograms = new Histogram[Metric.COUNT];
  long appendRecords;
  long appendBytes;
  long ioBytes;

  void record(Metric metric, long nanos) {
    Histogram h = histograms[metric.ordinal()];
    if (h == null) {
      h = new PackedHistogram(1, HIGHEST_NANOS, DIGITS);
      histograms[metric.ordinal()] = h;
    }
    h.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
  }

  /** The histogram of this interval, or null when the metric was not seen. */
  Histogram histogram(Metric metric) {
    return histograms[metric.ordinal()];
  }

  boolean isEmpty() {
    for (Histogram h : histograms) {
      if (h != null && h.getTotalCount() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Starts a new interval: the histograms are let go, so idle metrics cost nothing. */
  void reset() {
    java.util.Arrays.fill(histograms, null);
    appendRecords = 0;
    appendBytes = 0;
    ioBytes = 0;
  }
}
