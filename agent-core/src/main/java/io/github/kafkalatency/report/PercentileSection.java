package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-partition latency over the selected window, from {@link PartitionPercentiles}: broker-wide
 * first, then the worst {@code top} partitions.
 *
 * <p>Usage: {@code PercentileSection.lines(recording, top)}. The header says how p99 was obtained,
 * because it is not a true percentile of the window.
 */
final class PercentileSection {
  private PercentileSection() {}

  static List<String> lines(AgentRecording r, int top) {
    List<PartitionPercentiles.Row> rows = PartitionPercentiles.of(r.intervals());
    Set<String> partitions = new LinkedHashSet<>();
    rows.forEach(row -> partitions.add(row.partition()));
    int shownPartitions =
        Math.min(
            partitions.size(), top + (partitions.contains(PartitionNames.BROKER_WIDE) ? 1 : 0));
    Set<String> shown =
        new LinkedHashSet<>(new ArrayList<>(partitions).subList(0, shownPartitions));
    List<String> out = new ArrayList<>();
    out.add(
        "Per-partition latency (PartitionLatency intervals overlapping the window; count = total,"
            + " max = max of the interval maxima, p99 = the highest interval p99, an upper bound)");
    if (rows.isEmpty()) {
      out.set(0, out.get(0) + ": none");
      return out;
    }
    TextTable t = new TextTable("partition", "metric", ">intervals", ">count", ">p99", ">max");
    String previous = null;
    for (PartitionPercentiles.Row row : rows) {
      if (!shown.contains(row.partition())) {
        continue;
      }
      t.row(
          row.partition().equals(previous) ? "" : row.partition(),
          row.metric(),
          row.intervals(),
          row.count(),
          Durations.format(row.p99()),
          Durations.format(row.max()));
      previous = row.partition();
    }
    t.lines().forEach(l -> out.add(Sections.INDENT + l));
    if (shown.size() < partitions.size()) {
      out.add(
          Sections.INDENT
              + "("
              + (partitions.size() - shown.size())
              + " more partitions: --top N"
              + " shows more, --partition topic-N one of them)");
    }
    return out;
  }
}
