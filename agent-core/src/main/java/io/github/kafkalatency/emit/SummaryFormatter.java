package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.Cascade;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.IoOverlap;
import io.github.kafkalatency.record.LatencySummary;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import io.github.kafkalatency.record.Stall;
import io.github.kafkalatency.text.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The interval summary as text lines: broker-wide count and percentiles per metric, then the
 * partitions with the worst latency, named {@code topic-partition}. A quiet interval is one short
 * line. Pure: no I/O, so it is tested without a broker.
 */
public final class SummaryFormatter {
  private static final int MAX_INCIDENTS = 10;
  private final int topPartitions;

  public SummaryFormatter(int topPartitions) {
    this.topPartitions = topPartitions;
  }

  public List<String> format(IntervalSnapshot interval) {
    List<String> lines = new ArrayList<>();
    long seconds = Math.round((interval.endMillis() - interval.startMillis()) / 1000.0);
    incidents(interval, lines);
    if (interval.isQuiet()) {
      lines.add(
          "interval "
              + seconds
              + "s: quiet (no appends, lock waits or log file I/O); tracking "
              + interval.trackedPartitions()
              + " partitions");
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
    if (!interval.slowRequests().isEmpty()) {
      StringBuilder slow = new StringBuilder();
      interval
          .slowRequests()
          .forEach(
              (cause, n) ->
                  slow.append(slow.length() == 0 ? "" : ", ")
                      .append(n)
                      .append(' ')
                      .append(cause.label()));
      b.append("; slow produce requests by cause: ").append(slow);
    }
    b.append("; tracking ").append(interval.trackedPartitions()).append(" partitions");
    IntervalSnapshot.KernelSiteCost k = interval.kernelSiteCost();
    if (k.reads() > 0) {
      b.append("; kernel wait sites read ")
          .append(k.reads())
          .append(" times in ")
          .append(Durations.format(k.readNanos()))
          .append(" (")
          .append(k.scans())
          .append(" scans in ")
          .append(Durations.format(k.scanNanos()))
          .append(')');
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
            t.append(msep)
                .append(m.label())
                .append(" n=")
                .append(s.count())
                .append(" p99=")
                .append(Durations.format(s.p99()))
                .append(" max=")
                .append(Durations.format(s.max()));
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

  /** Cascades and stalls come first: they are the answer the rest of the line only hints at. */
  private static void incidents(IntervalSnapshot interval, List<String> lines) {
    int shown = 0;
    for (Stall s : interval.stalls()) {
      if (shown++ == MAX_INCIDENTS) {
        break;
      }
      lines.add(
          "stall "
              + s.logDir()
              + ": "
              + s.partitions().size()
              + " partitions stuck for "
              + Durations.format(s.durationNanos())
              + " ("
              + String.join(", ", s.partitions())
              + "); "
              + s.operations()
              + " slow writes by "
              + s.threads().size()
              + " threads, longest "
              + Durations.format(s.maxOperationNanos())
              + ": "
              + VerdictText.of(s.verdict())
              + (s.kernelSite() == null ? "" : "; kernel wait site " + s.kernelSite())
              + (s.hint() == null ? "" : "; hint: " + s.hint().text()));
    }
    List<Cascade> cascades = new ArrayList<>(interval.cascades());
    cascades.sort(Comparator.comparingLong(Cascade::totalWaitNanos).reversed());
    for (Cascade c : cascades) {
      if (shown++ == MAX_INCIDENTS) {
        break;
      }
      StringBuilder b =
          new StringBuilder("cascade ")
              .append(c.partitionName())
              .append(": ")
              .append(c.holder().getName())
              .append(" held the log lock ")
              .append(Durations.format(c.holdNanos()))
              .append(" (")
              .append(c.holderSite())
              .append(')');
      if (c.opLabel() != null) {
        b.append(", inside ")
            .append(c.opLabel())
            .append(' ')
            .append(c.opFile())
            .append(' ')
            .append(Durations.format(c.opNanos()));
      }
      if (c.holderWaitedNanos() > 0) {
        b.append(", after waiting ")
            .append(Durations.format(c.holderWaitedNanos()))
            .append(" itself");
        if (c.holderWaitedBehind() != null) {
          b.append(" behind ").append(c.holderWaitedBehind().getName());
        }
        b.append(" (a chain)");
      }
      IoOverlap o = c.overlap();
      if (o != null) {
        b.append(", behind ")
            .append(Metric.ofFileOp(o.op()).label())
            .append(" of ")
            .append(o.bytes())
            .append(" bytes at ")
            .append(o.position())
            .append(" by ")
            .append(o.thread().getName())
            .append(" (overlap ")
            .append(Durations.format(o.overlapNanos()))
            .append(')');
      }
      b.append(": ")
          .append(VerdictText.of(c.verdict()))
          .append("; ")
          .append(c.waiters())
          .append(c.waiters() == 1 ? " waiter" : " waiters")
          .append(", max wait ")
          .append(Durations.format(c.maxWaitNanos()))
          .append(", total ")
          .append(Durations.format(c.totalWaitNanos()));
      if (c.waitersArrivedBehindOther() > 0) {
        b.append(" (")
            .append(c.waitersArrivedBehindOther())
            .append(" arrived while another thread held the lock briefly)");
      }
      if (c.kernelSite() != null) {
        b.append("; kernel wait site ").append(c.kernelSite());
      }
      if (c.hint() != null) {
        b.append("; hint: ").append(c.hint().text());
      }
      lines.add(b.toString());
    }
    int total = interval.stalls().size() + interval.cascades().size();
    if (total > MAX_INCIDENTS) {
      lines.add(
          "... and " + (total - MAX_INCIDENTS) + " more cascades and stalls (see the JFR events)");
    }
  }

  private static String describe(LatencySummary s) {
    return "n="
        + s.count()
        + " p50="
        + Durations.format(s.p50())
        + " p99="
        + Durations.format(s.p99())
        + " p999="
        + Durations.format(s.p999())
        + " max="
        + Durations.format(s.max());
  }
}
