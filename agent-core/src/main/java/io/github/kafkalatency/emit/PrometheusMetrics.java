package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.Cascade;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LatencySummary;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import io.github.kafkalatency.record.ProduceTrace;
import io.github.kafkalatency.record.Stall;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The agent's figures as Prometheus metric families, cumulative since the agent started, so that
 * {@code rate}, {@code sum by (le)} and {@code histogram_quantile} work across intervals and
 * brokers:
 *
 * <ul>
 *   <li>{@code kafka_latency_seconds{metric}}: a histogram per metric, broker-wide;
 *   <li>{@code kafka_latency_log_dir_seconds{log_dir,metric}}: per log dir, from the partitions in
 *       it;
 *   <li>{@code kafka_latency_partition_seconds{topic,partition,metric}}: only for the topics of
 *       {@code histogramTopics} (none by default);
 *   <li>counters {@code kafka_latency_cascades_total{op,jvm_pause}} (op: the slowest file operation
 *       inside the hold, or {@code none}), {@code kafka_latency_stalls_total{log_dir,jvm_pause}},
 *       {@code kafka_latency_slow_requests_total{cause}} (the dominant cause), and {@code
 *       kafka_latency_dropped_events_total};
 *   <li>gauges of the last interval: {@code kafka_latency_worst_partition_max_seconds} and {@code
 *       _p99_seconds{rank,topic,partition,metric}} for the {@code topPartitions} worst.
 * </ul>
 *
 * Buckets: {@link CumulativeHistogram#UPPER_BOUNDS_SECONDS}.
 *
 * <p>Usage: an {@link IntervalListener} on the aggregator, registered with a Prometheus registry
 * ({@link PrometheusEndpoint}). The counting is done in {@link #onInterval}, on the aggregator
 * thread from the interval's histograms, never on a broker thread; {@link #collect} (a scrape
 * thread) only copies. Both lock this object.
 */
public final class PrometheusMetrics implements IntervalListener, MultiCollector {
  private static final String NO_OP = "none";

  private final Set<String> histogramTopics;
  private final int topPartitions;
  private final Map<Metric, CumulativeHistogram> broker = new EnumMap<>(Metric.class);
  private final Map<String, Map<Metric, CumulativeHistogram>> logDirs = new TreeMap<>();
  private final Map<PartitionKey, Map<Metric, CumulativeHistogram>> partitions = new TreeMap<>();
  private final Map<Labels, Long> cascades = new LinkedHashMap<>();
  private final Map<Labels, Long> stalls = new LinkedHashMap<>();
  private final Map<ProduceTrace.Cause, Long> slowRequests =
      new EnumMap<>(ProduceTrace.Cause.class);
  private final Histogram scratch = new Histogram(1_000L, 3_600_000_000_000L, 2);
  private List<Worst> worst = List.of();
  private long dropped;

  public PrometheusMetrics(List<String> histogramTopics, int topPartitions) {
    this.histogramTopics = new HashSet<>(histogramTopics);
    this.topPartitions = topPartitions;
    for (Metric m : Metric.values()) {
      broker.put(m, new CumulativeHistogram());
    }
    // Every label set from the start: increase() and rate() need the zero before the first
    // incident.
    for (ProduceTrace.Cause c : ProduceTrace.Cause.values()) {
      slowRequests.put(c, 0L);
    }
    for (String op : new String[] {"write", "force", "transferTo", "read", NO_OP}) {
      for (boolean pause : new boolean[] {false, true}) {
        cascades.put(cascadeLabels(op, pause), 0L);
      }
    }
  }

  @Override
  public synchronized void onInterval(IntervalSnapshot interval) {
    for (Metric m : Metric.values()) {
      broker.get(m).add(interval.brokerHistogram(m));
    }
    Map<String, List<PartitionInterval>> byDir = new TreeMap<>();
    for (PartitionInterval p : interval.partitions()) {
      if (p.logDir() != null) {
        byDir.computeIfAbsent(p.logDir(), d -> new ArrayList<>()).add(p);
      }
      if (histogramTopics.contains(p.topic())) {
        Map<Metric, CumulativeHistogram> h =
            partitions.computeIfAbsent(
                new PartitionKey(p.topic(), p.partition()), k -> new EnumMap<>(Metric.class));
        for (Metric m : p.summaries().keySet()) {
          scratch.reset();
          p.addTo(m, scratch);
          h.computeIfAbsent(m, x -> new CumulativeHistogram()).add(scratch);
        }
      }
    }
    byDir.forEach(
        (dir, ps) -> {
          stalls.putIfAbsent(stallLabels(dir, false), 0L);
          stalls.putIfAbsent(stallLabels(dir, true), 0L);
          Map<Metric, CumulativeHistogram> h =
              logDirs.computeIfAbsent(dir, d -> newPartitionMetrics());
          for (Metric m : h.keySet()) {
            scratch.reset();
            ps.forEach(p -> p.addTo(m, scratch));
            h.get(m).add(scratch);
          }
        });
    for (Cascade c : interval.cascades()) {
      cascades.merge(
          cascadeLabels(c.opLabel() == null ? NO_OP : c.opLabel(), c.jvmPause() != null),
          1L,
          Long::sum);
    }
    for (Stall s : interval.stalls()) {
      stalls.merge(stallLabels(s.logDir(), s.jvmPause() != null), 1L, Long::sum);
    }
    interval.slowRequests().forEach((cause, n) -> slowRequests.merge(cause, n, Long::sum));
    dropped += interval.droppedEvents();
    worst = worstPartitions(interval.partitions());
  }

  private static Labels cascadeLabels(String op, boolean jvmPause) {
    return Labels.of("jvm_pause", String.valueOf(jvmPause), "op", op);
  }

  private static Labels stallLabels(String logDir, boolean jvmPause) {
    return Labels.of("jvm_pause", String.valueOf(jvmPause), "log_dir", logDir);
  }

  /** Every metric a partition has: all but the broker-wide produce request. */
  private static Map<Metric, CumulativeHistogram> newPartitionMetrics() {
    Map<Metric, CumulativeHistogram> h = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      if (m != Metric.PRODUCE_REQUEST) {
        h.put(m, new CumulativeHistogram());
      }
    }
    return h;
  }

  private List<Worst> worstPartitions(List<PartitionInterval> active) {
    List<PartitionInterval> ranked = new ArrayList<>(active);
    ranked.sort(Comparator.comparingLong(PartitionInterval::worstNanos).reversed());
    List<Worst> out = new ArrayList<>();
    for (int r = 0; r < Math.min(topPartitions, ranked.size()); r++) {
      PartitionInterval p = ranked.get(r);
      Metric metric = Metric.APPEND;
      for (Metric m : p.summaries().keySet()) {
        if (p.summary(m).max() > p.summary(metric).max()) {
          metric = m;
        }
      }
      out.add(
          new Worst(
              Labels.of(
                  "metric",
                  metric.label(),
                  "partition",
                  String.valueOf(p.partition()),
                  "rank",
                  String.valueOf(r + 1),
                  "topic",
                  p.topic()),
              p.summary(metric)));
    }
    return out;
  }

  @Override
  public synchronized MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    HistogramSnapshot.Builder b =
        histogram(
            "kafka_latency_seconds",
            "Latency of each timed operation, broker-wide, since the agent started");
    broker.forEach((m, h) -> b.dataPoint(point(h, Labels.of("metric", m.label()))));
    out.add(b.build());
    HistogramSnapshot.Builder d =
        histogram(
            "kafka_latency_log_dir_seconds",
            "Latency of each timed partition operation, per log dir, since the agent started");
    logDirs.forEach(
        (dir, hs) ->
            hs.forEach(
                (m, h) -> d.dataPoint(point(h, Labels.of("log_dir", dir, "metric", m.label())))));
    out.add(d.build());
    if (!histogramTopics.isEmpty()) {
      HistogramSnapshot.Builder p =
          histogram(
              "kafka_latency_partition_seconds",
              "Latency per partition of the topics in histogramTopics, since the agent started");
      partitions.forEach(
          (k, hs) ->
              hs.forEach(
                  (m, h) ->
                      p.dataPoint(
                          point(
                              h,
                              Labels.of(
                                  "metric",
                                  m.label(),
                                  "partition",
                                  String.valueOf(k.partition),
                                  "topic",
                                  k.topic)))));
      out.add(p.build());
    }
    out.add(
        counter(
            "kafka_latency_cascades",
            "Lock cascades: a log lock held long with threads queued behind it",
            cascades));
    out.add(
        counter(
            "kafka_latency_stalls",
            "Log dir stalls: slow writes on several partitions at once",
            stalls));
    Map<Labels, Long> slow = new LinkedHashMap<>();
    slowRequests.forEach((c, n) -> slow.put(Labels.of("cause", c.label()), n));
    out.add(
        counter(
            "kafka_latency_slow_requests",
            "Produce requests over slowRequestMs, by the part of their time that dominated",
            slow));
    out.add(
        counter(
            "kafka_latency_dropped_events",
            "Events lost to a full ring: when it rises, the figures undercount",
            Map.of(Labels.EMPTY, dropped)));
    GaugeSnapshot.Builder max =
        GaugeSnapshot.builder()
            .name("kafka_latency_worst_partition_max_seconds")
            .help("Maximum of the last interval, for the partitions with the worst maximum");
    GaugeSnapshot.Builder p99 =
        GaugeSnapshot.builder()
            .name("kafka_latency_worst_partition_p99_seconds")
            .help(
                "99th percentile of the last interval, for the partitions with the worst maximum");
    for (Worst w : worst) {
      max.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(w.labels)
              .value(w.summary.max() / 1e9)
              .build());
      p99.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(w.labels)
              .value(w.summary.p99() / 1e9)
              .build());
    }
    out.add(max.build());
    out.add(p99.build());
    return new MetricSnapshots(out);
  }

  private static HistogramSnapshot.Builder histogram(String name, String help) {
    return HistogramSnapshot.builder().name(name).help(help);
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot point(
      CumulativeHistogram h, Labels labels) {
    return HistogramSnapshot.HistogramDataPointSnapshot.builder()
        .classicHistogramBuckets(
            ClassicHistogramBuckets.of(CumulativeHistogram.UPPER_BOUNDS_SECONDS, h.bucketCounts()))
        .sum(h.sumSeconds())
        .labels(labels)
        .build();
  }

  private static CounterSnapshot counter(String name, String help, Map<Labels, Long> values) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    values.forEach(
        (labels, n) ->
            b.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value(n)
                    .build()));
    return b.build();
  }

  private record PartitionKey(String topic, int partition) implements Comparable<PartitionKey> {
    @Override
    public int compareTo(PartitionKey o) {
      int c = topic.compareTo(o.topic);
      return c != 0 ? c : Integer.compare(partition, o.partition);
    }
  }

  private record Worst(Labels labels, LatencySummary summary) {}
}
