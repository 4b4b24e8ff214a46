package io.github.kafkalatency.record;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One partition's figures for one interval. Immutable once built; {@link #histogram} is a copy that
 * later stages may read (the .hlog writer) but must not change.
 */
public final class PartitionInterval {
  private final String topic;
  private final int partition;
  private final String logDir;
  private final Map<Metric, LatencySummary> summaries = new EnumMap<>(Metric.class);
  private final SparseHistogram[] histograms;
  private final long appendRecords;
  private final long appendBytes;

  /** Takes the partition's interval counts; {@code scratch} is reused for the percentiles. */
  PartitionInterval(PartitionState p, Histogram scratch) {
    this.topic = p.topic;
    this.partition = p.partition;
    this.logDir = p.logDir;
    this.appendRecords = p.stats.appendRecords;
    this.appendBytes = p.stats.appendBytes;
    this.histograms = p.stats.takeHistograms();
    for (Metric m : Metric.values()) {
      SparseHistogram h = histograms[m.ordinal()];
      if (h != null && h.totalCount() > 0) {
        scratch.reset();
        h.addTo(scratch);
        summaries.put(m, LatencySummary.of(scratch));
      }
    }
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public String name() {
    return topic + "-" + partition;
  }

  public String logDir() {
    return logDir;
  }

  public boolean isMetadataLog() {
    return PartitionState.METADATA_TOPIC.equals(topic);
  }

  /** The metric's summary; {@link LatencySummary#count()} is 0 when it was not seen. */
  public LatencySummary summary(Metric m) {
    return summaries.getOrDefault(m, LatencySummary.EMPTY);
  }

  public Map<Metric, LatencySummary> summaries() {
    return summaries;
  }

  /**
   * The metric's interval histogram (2 significant digits, nanoseconds), built on each call from
   * the compact counts; null when the metric was not seen.
   */
  public Histogram histogram(Metric m) {
    SparseHistogram h = histograms[m.ordinal()];
    return h == null || h.totalCount() == 0 ? null : h.toHistogram();
  }

  /**
   * Adds this partition's counts to broker-wide histograms: the broker-wide figures are the sum of
   * the partitions', built once per interval instead of a second histogram update per event.
   */
  void addCountsTo(Map<Metric, Histogram> brokerWide) {
    for (Metric m : Metric.values()) {
      SparseHistogram h = histograms[m.ordinal()];
      if (h != null) {
        h.addTo(brokerWide.get(m));
      }
    }
  }

  /**
   * Adds the metric's interval counts to {@code h} (configured with 2 significant digits, in
   * nanoseconds, up to an hour) without building a histogram; nothing when the metric was not seen.
   */
  public void addTo(Metric m, Histogram h) {
    SparseHistogram s = histograms[m.ordinal()];
    if (s != null) {
      s.addTo(h);
    }
  }

  public long appendRecords() {
    return appendRecords;
  }

  public long appendBytes() {
    return appendBytes;
  }

  /** The largest maximum across metrics: how the summary ranks partitions. */
  public long worstNanos() {
    long worst = 0;
    for (LatencySummary s : summaries.values()) {
      worst = Math.max(worst, s.max());
    }
    return worst;
  }
}
