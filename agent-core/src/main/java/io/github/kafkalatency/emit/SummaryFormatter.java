package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LatencySummary;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The interval summary as text lines: broker-wide count and percentiles per metric, then the
 * partitions with the worst latency, named {@code topic-partition}. A quiet interval is one short
 * line. Pure: no I/O, so it is tested without a broker.
 */
public final class SummaryFormatter {
  private final int topPartitions;

  public SummaryFormatter(int topPartitions) {
    this.topPartitions = topPartitions;
  }

  public List<String> format(IntervalSnapshot interval) {
    List<String> lines = new ArrayList<>();
    long seconds = Math.round((interval.endMillis() - interval.startMillis()) / 1000.0);
    if (interval.isQuiet()) {
      lines.add("interval " + seconds + "s: quiet (no appends, lock waits or log file I/O)");
      return lines;
    }
    StringBuilder b = new StringBuilder("interval ").append(seconds).append("s:");
    String sep = " ";
    for (Metric m : Metric.values()) {
      LatencySummary s = interval.brokerWide(m);
      if (s.count() > 0) {
        b.append(sep).append(m.label()).append(' ').append(describe(s));
        sep = "; ";
      }
    }
    if (interval.droppedEvents() > 0) {
      b.append("; events dropped=").append(interval.droppedEvents());
    }
    lines.add(b.toString());
    List<PartitionInterval> worst = new ArrayList<>(interval.partitions());
    worst.sort(Comparator.comparingLong(PartitionInterval::worstNanos).reversed());
    if (topPartitions > 0 && !worst.isEmpty()) {
      StringBuilder t = new StringBuilder("worst partitions:");
      String psep = " ";
      for (PartitionInterval p : worst.subList(0, Math.min(topPartitions, worst.size()))) {
        t.append(psep).append(p.name());
        if (p.isMetadataLog()) {
          t.append(" (metadata log)");
        }
        t.append(" [");
        String msep = "";
        for (Metric m : Metric.values()) {
          LatencySummary s = p.summary(m);
          if (s.count() > 0) {
            t.append(msep).append(m.label()).append(" n=").append(s.count())
                .append(" p99=").append(Durations.format(s.p99()))
                .append(" max=").append(Durations.format(s.max()));
            msep = ", ";
          }
        }
        t.append(']');
        psep = "; ";
      }
      lines.add(t.toString());
    }
    return lines;
  }

  private static String describe(LatencySummary s) {
    return "n=" + s.count()
        + " p50=" + Durations.format(s.p50())
        + " p99=" + Durations.format(s.p99())
        + " p999=" + Durations.format(s.p999())
        + " max=" + Durations.format(s.max());
  }
}
