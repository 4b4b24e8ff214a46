package io.github.kafkalatency.record;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One partition's figures for one interval. Immutable once built; {@link #histogram} is a copy
 * that later stages may read (the .hlog writer) but must not change.
 */
public final class PartitionInterval {
  private final String topic;
  private final int partition;
  private final String logDir;
  private final Map<Metric, LatencySummary> summaries = new EnumMap<>(Metric.class);
  private final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
  private final long appendRecords;
  private final long appendBytes;

  PartitionInterval(PartitionState p) {
    this.topic = p.topic;
    this.partition = p.partition;
    this.logDir = p.logDir;
    for (Metric m : Metric.values()) {
      Histogram h = p.stats.histogram(m);
      if (h != null && h.getTotalCount() > 0) {
        summaries.put(m, LatencySummary.of(h));
        histograms.put(m, h);
      }
    }
    this.appendRecords = p.stats.appendRecords;
    this.appendBytes = p.stats.appendBytes;
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

  public Histogram histogram(Metric m) {
    return histograms.get(m);
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
