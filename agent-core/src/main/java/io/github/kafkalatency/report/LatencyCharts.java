package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-partition latency charts: for broker-wide and the worst partitions, one SVG bar chart each of
 * p99 (dark) and max (light) per interval, on a shared time axis and a shared log scale so that the
 * charts compare at a glance. Each metric is a group ({@code data-metric}); the page's metric
 * selector shows one at a time.
 *
 * <p>Usage: {@code LatencyCharts.html(recording, top, timeFormat)}.
 */
final class LatencyCharts {
  private static final int WIDTH = 660;
  private static final int HEIGHT = 170;
  private static final int LEFT = 58;
  private static final int RIGHT = 8;
  private static final int TOP = 8;
  private static final int BOTTOM = 22;
  private static final String DEFAULT_METRIC = "append";

  private final List<RecordedInterval> intervals;
  private final TimeFormat tf;
  private final Instant t0;
  private final Instant t1;
  private final int loDecade;
  private final int hiDecade;

  private LatencyCharts(List<RecordedInterval> intervals, TimeFormat tf) {
    this.intervals = intervals;
    this.tf = tf;
    this.t0 = intervals.stream().map(Timed::start).min(Comparator.naturalOrder()).orElseThrow();
    this.t1 = intervals.stream().map(Timed::end).max(Comparator.naturalOrder()).orElseThrow();
    long lo =
        intervals.stream().mapToLong(RecordedInterval::p99).filter(v -> v > 0).min().orElse(1_000);
    long hi = intervals.stream().mapToLong(RecordedInterval::max).max().orElse(1_000_000);
    this.loDecade = Math.max(3, (int) Math.floor(Math.log10(Math.max(1, lo)))); // from 1us
    this.hiDecade = Math.max(loDecade + 1, (int) Math.ceil(Math.log10(Math.max(1, hi))));
  }

  static String html(AgentRecording r, int top, TimeFormat tf) {
    StringBuilder b =
        new StringBuilder(
            "<section id=\"partitions\">\n<h2>Per-partition latency per interval</h2>\n");
    List<String> partitions = partitions(r, top);
    if (partitions.isEmpty()) {
      return b.append(
              "<p class=\"none\">No PartitionLatency intervals in the selection.</p>\n</section>\n")
          .toString();
    }
    List<RecordedInterval> shown =
        r.intervals().stream()
            .filter(i -> partitions.contains(i.partition()))
            .collect(Collectors.toList());
    List<String> metrics = metrics(shown);
    String selected = metrics.contains(DEFAULT_METRIC) ? DEFAULT_METRIC : metrics.get(0);
    long named = partitions.stream().filter(p -> !p.equals(PartitionNames.BROKER_WIDE)).count();
    b.append("<p>p99 (dark) and maximum (light) of each interval, log scale, for ")
        .append(partitions.contains(PartitionNames.BROKER_WIDE) ? "the broker as a whole and " : "")
        .append(named == 1 ? "1 partition" : "the " + named + " worst partitions")
        .append(". <label>metric <select id=\"metric\">");
    for (String m : metrics) {
      b.append("<option")
          .append(m.equals(selected) ? " selected" : "")
          .append(">")
          .append(Html.text(m))
          .append("</option>");
    }
    b.append("</select></label></p>\n<div class=\"charts\">\n");
    LatencyCharts charts = new LatencyCharts(shown, tf);
    for (String p : partitions) {
      charts.chart(b, p, metrics, selected);
    }
    return b.append("</div>\n</section>\n").toString();
  }

  private void chart(StringBuilder b, String partition, List<String> metrics, String selected) {
    b.append("<figure class=\"chart\" data-partition=\"")
        .append(Html.text(partition))
        .append("\"><figcaption>")
        .append(Html.text(partition))
        .append("</figcaption>\n<svg class=\"latency\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\">\n");
    for (int d = loDecade; d <= hiDecade; d++) {
      double y = y((long) Math.pow(10, d));
      b.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(Html.num(y))
          .append("\" y2=\"")
          .append(Html.num(y))
          .append("\"/><text class=\"ylabel\" x=\"")
          .append(LEFT - 4)
          .append("\" y=\"")
          .append(Html.num(y + 4))
          .append("\">")
          .append(Durations.format((long) Math.pow(10, d)))
          .append("</text>\n");
    }
    b.append("<text class=\"xlabel\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(HEIGHT - 6)
        .append("\">")
        .append(tf.time(t0))
        .append("</text><text class=\"xlabel end\" x=\"")
        .append(WIDTH - RIGHT)
        .append("\" y=\"")
        .append(HEIGHT - 6)
        .append("\">")
        .append(tf.time(t1))
        .append("</text>\n");
    for (String m : metrics) {
      b.append("<g class=\"series\" data-metric=\"")
          .append(Html.text(m))
          .append('"')
          .append(m.equals(selected) ? "" : " style=\"display:none\"")
          .append(">\n");
      for (RecordedInterval i : intervals) {
        if (i.partition().equals(partition) && m.equals(i.metric())) {
          bar(b, i, "max", i.max());
          bar(b, i, "p99", i.p99());
        }
      }
      b.append("</g>\n");
    }
    b.append("</svg></figure>\n");
  }

  private void bar(StringBuilder b, RecordedInterval i, String kind, long value) {
    double x0 = x(i.start());
    double w = Math.max(1, x(i.end()) - x0 - 1);
    double y = y(value);
    b.append("<rect class=\"bar ")
        .append(kind)
        .append("\" data-kind=\"")
        .append(kind)
        .append("\" data-partition=\"")
        .append(Html.text(i.partition()))
        .append("\" data-metric=\"")
        .append(Html.text(i.metric()))
        .append("\" data-value-ns=\"")
        .append(value)
        .append("\" x=\"")
        .append(Html.num(x0))
        .append("\" y=\"")
        .append(Html.num(y))
        .append("\" width=\"")
        .append(Html.num(w))
        .append("\" height=\"")
        .append(Html.num(HEIGHT - BOTTOM - y))
        .append("\"><title>")
        .append(
            Html.text(
                i.partition()
                    + " "
                    + i.metric()
                    + " "
                    + tf.time(i.start())
                    + " to "
                    + tf.time(i.end())
                    + ": n="
                    + i.count()
                    + ", p50 "
                    + Durations.format(i.p50())
                    + ", p99 "
                    + Durations.format(i.p99())
                    + ", p99.9 "
                    + Durations.format(i.p999())
                    + ", max "
                    + Durations.format(i.max())))
        .append("</title></rect>\n");
  }

  private double x(Instant t) {
    double span = Math.max(1, Duration.between(t0, t1).toNanos());
    return LEFT + Duration.between(t0, t).toNanos() / span * (WIDTH - LEFT - RIGHT);
  }

  private double y(long nanos) {
    double v = Math.log10(Math.max(1, nanos));
    double f = (Math.max(loDecade, Math.min(hiDecade, v)) - loDecade) / (hiDecade - loDecade);
    return Math.round((HEIGHT - BOTTOM - f * (HEIGHT - BOTTOM - TOP)) * 10) / 10.0;
  }

  /** Broker-wide first, then the {@code top} worst, as in the text report. */
  private static List<String> partitions(AgentRecording r, int top) {
    Set<String> ordered = new LinkedHashSet<>();
    PartitionPercentiles.of(r.intervals()).forEach(row -> ordered.add(row.partition()));
    int limit = top + (ordered.contains(PartitionNames.BROKER_WIDE) ? 1 : 0);
    return new ArrayList<>(ordered).subList(0, Math.min(limit, ordered.size()));
  }

  private static List<String> metrics(List<RecordedInterval> intervals) {
    Set<String> present =
        intervals.stream().map(RecordedInterval::metric).collect(Collectors.toSet());
    List<String> out = new ArrayList<>();
    PartitionPercentiles.METRICS.stream().filter(present::contains).forEach(out::add);
    present.stream().filter(m -> !out.contains(m)).sorted().forEach(out::add);
    return out;
  }
}
