package io.github.kafkalatency.record;

/**
 * One partition's interval counts, one {@link SparseHistogram} per {@link Metric}, allocated only
 * when the metric is seen, plus append record and byte counts.
 *
 * <p>Memory follows the partitions that are active, not the ones that exist: at each interval the
 * histograms are handed to the snapshot and the next interval starts empty. Not thread-safe: the
 * aggregator thread owns it.
 */
final class PartitionStats {
  private SparseHistogram[] histograms = new SparseHistogram[Metric.COUNT];
  long appendRecords;
  long appendBytes;

  void record(Metric metric, long nanos) {
    SparseHistogram h = histograms[metric.ordinal()];
    if (h == null) {
      h = new SparseHistogram();
      histograms[metric.ordinal()] = h;
    }
    h.record(nanos);
  }

  boolean isEmpty() {
    for (SparseHistogram h : histograms) {
      if (h != null && h.totalCount() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Hands this interval's histograms over and starts the next interval empty. */
  SparseHistogram[] takeHistograms() {
    SparseHistogram[] taken = histograms;
    histograms = new SparseHistogram[Metric.COUNT];
    appendRecords = 0;
    appendBytes = 0;
    return taken;
  }
}
