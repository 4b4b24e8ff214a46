package io.github.kafkalatency.record;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything measured in one interval: broker-wide figures per metric and each active partition.
 */
public final class IntervalSnapshot {
  private final long startMillis;
  private final long endMillis;
  private final Map<Metric, LatencySummary> brokerWide = new EnumMap<>(Metric.class);
  private final Map<Metric, Histogram> brokerHistograms;
  private final List<PartitionInterval> partitions;
  private final long droppedEvents;
  private final List<Cascade> cascades;
  private final List<Stall> stalls;
  private final Map<ProduceTrace.Cause, Long> slowRequests;
  private final int trackedPartitions;
  private KernelSiteCost kernelSiteCost = new KernelSiteCost(0, 0, 0, 0);

  /** What reading kernel wait sites cost this interval, on the aggregator thread. */
  public record KernelSiteCost(long scans, long scanNanos, long reads, long readNanos) {}

  IntervalSnapshot(
      long startMillis,
      long endMillis,
      Map<Metric, Histogram> brokerHistograms,
      List<PartitionInterval> partitions,
      long droppedEvents,
      List<Cascade> cascades,
      List<Stall> stalls,
      Map<ProduceTrace.Cause, Long> slowRequests,
      int trackedPartitions) {
    this.slowRequests = slowRequests;
    this.trackedPartitions = trackedPartitions;
    this.cascades = cascades;
    this.stalls = stalls;
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.brokerHistograms = brokerHistograms;
    this.partitions = partitions;
    this.droppedEvents = droppedEvents;
    brokerHistograms.forEach((m, h) -> brokerWide.put(m, LatencySummary.of(h)));
  }

  public long startMillis() {
    return startMillis;
  }

  public long endMillis() {
    return endMillis;
  }

  public LatencySummary brokerWide(Metric m) {
    return brokerWide.getOrDefault(m, LatencySummary.EMPTY);
  }

  public Histogram brokerHistogram(Metric m) {
    return brokerHistograms.get(m);
  }

  public List<PartitionInterval> partitions() {
    return partitions;
  }

  /** Events lost because a thread's ring was full: non-zero means the figures undercount. */
  public long droppedEvents() {
    return droppedEvents;
  }

  /** Lock cascades completed in this interval. */
  public List<Cascade> cascades() {
    return cascades;
  }

  /** Log dir stalls completed in this interval. */
  public List<Stall> stalls() {
    return stalls;
  }

  /** Produce requests over the slow threshold in this interval, by dominant cause. */
  public Map<ProduceTrace.Cause, Long> slowRequests() {
    return slowRequests;
  }

  /**
   * Partitions the agent holds state for after this interval (active or not yet idle long enough).
   */
  public KernelSiteCost kernelSiteCost() {
    return kernelSiteCost;
  }

  void kernelSiteCost(KernelSiteCost cost) {
    kernelSiteCost = cost;
  }

  public int trackedPartitions() {
    return trackedPartitions;
  }

  public boolean isQuiet() {
    return brokerWide.values().stream().allMatch(s -> s.count() == 0);
  }
}
