package io.github.kafkalatency.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-partition latency over a window, from the interval figures ({@code PartitionLatency}).
 *
 * <p>Usage: {@code PartitionPercentiles.of(recording.intervals())}. Per partition and metric: the
 * total count, the maximum of the interval maxima, and, as "p99", the highest interval p99 — an
 * upper bound on the window's true p99, which the interval histograms no longer allow to compute.
 * Rows come broker-wide first, then partitions worst first (by their highest maximum).
 */
final class PartitionPercentiles {
  static final List<String> METRICS =
      List.of(
          "append",
          "lock-wait",
          "lock-hold",
          "partition-lock-wait",
          "write",
          "force",
          "transferTo",
          "read");

  /** One partition and metric over the window. */
  record Row(String partition, String metric, int intervals, long count, long p99, long max) {}

  private PartitionPercentiles() {}

  static List<Row> of(List<RecordedInterval> intervals) {
    Map<String, Map<String, Row>> byPartition = new LinkedHashMap<>();
    for (RecordedInterval i : intervals) {
      Map<String, Row> metrics =
          byPartition.computeIfAbsent(i.partition(), p -> new LinkedHashMap<>());
      metrics.merge(
          i.metric(),
          new Row(i.partition(), i.metric(), 1, i.count(), i.p99(), i.max()),
          (a, b) ->
              new Row(
                  a.partition(),
                  a.metric(),
                  a.intervals() + 1,
                  a.count() + b.count(),
                  Math.max(a.p99(), b.p99()),
                  Math.max(a.max(), b.max())));
    }
    List<List<Row>> groups = new ArrayList<>();
    for (Map<String, Row> metrics : byPartition.values()) {
      List<Row> rows = new ArrayList<>(metrics.values());
      rows.sort(Comparator.comparingInt(r -> metricOrder(r.metric())));
      groups.add(rows);
    }
    groups.sort(
        Comparator.<List<Row>>comparingInt(
                g -> PartitionNames.BROKER_WIDE.equals(g.get(0).partition()) ? 0 : 1)
            .thenComparing(Comparator.comparingLong(PartitionPercentiles::worst).reversed())
            .thenComparing(g -> g.get(0).partition()));
    List<Row> out = new ArrayList<>();
    groups.forEach(out::addAll);
    return out;
  }

  static long worst(List<Row> rows) {
    return rows.stream().mapToLong(Row::max).max().orElse(0);
  }

  private static int metricOrder(String metric) {
    int i = METRICS.indexOf(metric);
    return i < 0 ? METRICS.size() : i;
  }
}
