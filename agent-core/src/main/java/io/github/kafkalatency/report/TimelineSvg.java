package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One slow window as an SVG timeline: a lane per thread (request handlers, then network threads,
 * then the rest), each with a row for the log lock (holds, cascades, waits), one for file I/O and
 * one for produce requests; a top lane for log-dir stalls; and an arrow from each cascade's holder
 * lane to every recorded wait rooted at it.
 *
 * <p>Usage: {@code new TimelineSvg(window, number, recording, timeFormat).html()}. Positions are
 * computed here for the whole window, so that the page reads without JS; every drawn element also
 * carries its times ({@code data-t0}/{@code data-t1}, ms from the window start) for the page's
 * zoom, and data attributes ({@code data-kind}, {@code data-thread}, {@code data-partition}, {@code
 * data-holder}, {@code data-cascade}) for tests and for people reading the DOM.
 */
final class TimelineSvg {
  static final int LABEL_WIDTH = 290;
  static final int PLOT_WIDTH = 1030;
  private static final int AXIS_HEIGHT = 22;
  private static final int STALL_HEIGHT = 18;
  private static final int ROW = 10;
  private static final int LANE = 3 * ROW + 6;
  private static final int LABEL_CHARS = 44;

  private final SlowWindow window;
  private final String id;
  private final TimelineEvents events;
  private final TimeFormat tf;
  private final List<String> lanes;
  private final Map<String, Integer> laneIndex = new HashMap<>();
  private final StringBuilder out = new StringBuilder();

  TimelineSvg(SlowWindow window, int number, AgentRecording r, TimeFormat tf) {
    this.window = window;
    this.id = "w" + number;
    this.events = TimelineEvents.in(window, r);
    this.tf = tf;
    this.lanes = Lanes.order(events.threads());
    for (int i = 0; i < lanes.size(); i++) {
      laneIndex.put(lanes.get(i), i);
    }
  }

  String html() {
    int height = AXIS_HEIGHT + STALL_HEIGHT + lanes.size() * LANE + 4;
    int width = LABEL_WIDTH + PLOT_WIDTH + 10;
    out.append("<svg class=\"timeline\" id=\"timeline-")
        .append(id)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" data-span-ms=\"")
        .append(Html.num(ms(window.to())))
        .append("\" data-label-width=\"")
        .append(LABEL_WIDTH)
        .append("\" data-plot-width=\"")
        .append(PLOT_WIDTH)
        .append("\" data-axis-height=\"")
        .append(AXIS_HEIGHT)
        .append("\">\n");
    out.append("<defs><clipPath id=\"clip-")
        .append(id)
        .append("\"><rect x=\"")
        .append(LABEL_WIDTH)
        .append("\" y=\"0\" width=\"")
        .append(PLOT_WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\"/></clipPath><marker id=\"arrow-")
        .append(id)
        .append(
            "\" class=\"arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8"
                + " z\"/></marker></defs>\n");
    laneLabels(width);
    out.append("<g class=\"axis\"></g>\n<g class=\"plot\" clip-path=\"url(#clip-")
        .append(id)
        .append(")\">\n");
    events.stalls().forEach(this::stall);
    events.holds().forEach(this::hold);
    Map<RecordedLockWait, String> cascadeOfWait = new IdentityHashMap<>();
    List<String> links = new ArrayList<>();
    for (int i = 0; i < events.cascades().size(); i++) {
      RecordedCascade c = events.cascades().get(i);
      String cid = id + "-c" + (i + 1);
      List<RecordedLockWait> waiters = CascadeWaiters.of(c, events.waits());
      cascade(c, cid, waiters.size());
      for (RecordedLockWait w : waiters) {
        if (cascadeOfWait.putIfAbsent(w, cid) == null) {
          links.add(link(c, w, cid));
        }
      }
    }
    events.waits().forEach(w -> wait(w, cascadeOfWait.get(w)));
    events.fileOps().forEach(this::fileOp);
    events.requests().forEach(this::request);
    links.forEach(out::append);
    out.append("</g>\n</svg>\n");
    return out.toString();
  }

  private void laneLabels(int width) {
    out.append(
            "<g class=\"lanes\">\n"
                + "<g class=\"lane stall-lane\" data-lane-kind=\"stalls\"><text x=\"4\" y=\"")
        .append(AXIS_HEIGHT + 13)
        .append("\">log dir stalls</text></g>\n");
    for (int i = 0; i < lanes.size(); i++) {
      String t = lanes.get(i);
      int y = laneY(i);
      out.append("<g class=\"lane\" data-thread=\"")
          .append(Html.text(t))
          .append("\" data-lane-kind=\"")
          .append(Lanes.kind(t))
          .append("\"><rect class=\"lane-bg")
          .append(i % 2 == 0 ? "" : " odd")
          .append("\" x=\"0\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(LANE)
          .append("\"/><text x=\"4\" y=\"")
          .append(y + LANE / 2 + 4)
          .append("\">")
          .append(Html.text(Lanes.label(t, LABEL_CHARS)))
          .append("<title>")
          .append(Html.text(t))
          .append("</title></text></g>\n");
    }
    out.append("</g>\n");
  }

  private void stall(RecordedStall s) {
    open("stall", s, AXIS_HEIGHT + 2, STALL_HEIGHT - 4)
        .append(" data-log-dir=\"")
        .append(Html.text(s.logDir()))
        .append("\" data-partitions=\"")
        .append(Html.text(String.join(",", s.partitions())))
        .append('"');
    close(
        tf.time(s.start())
            + " stall "
            + s.logDir()
            + ": "
            + s.partitions().size()
            + " partitions stuck for "
            + Durations.format(s.nanos())
            + " ("
            + String.join(", ", s.partitions())
            + "); "
            + s.operations()
            + " slow operations by "
            + String.join(", ", s.threads())
            + ", longest "
            + Durations.format(s.maxOperationNanos()));
  }

  private void hold(RecordedLockHold h) {
    open("lock-hold", h, row(h.thread(), 0), ROW - 1).append(attrs(h.thread(), h.partition()));
    close(
        tf.time(h.start())
            + " "
            + h.thread()
            + " held the log lock of "
            + h.partition()
            + " for "
            + Durations.format(h.nanos())
            + " ("
            + h.site()
            + ")");
  }

  private void cascade(RecordedCascade c, String cid, int recordedWaits) {
    open("cascade", c, row(c.holder(), 0), ROW - 1)
        .append(" id=\"")
        .append(cid)
        .append("\" data-id=\"")
        .append(cid)
        .append("\" data-holder=\"")
        .append(Html.text(c.holder()))
        .append('"')
        .append(attrs(c.holder(), c.partition()))
        .append(" data-waiters=\"")
        .append(c.waiters())
        .append("\" data-recorded-waits=\"")
        .append(recordedWaits)
        .append('"');
    String op =
        c.operation() == null
            ? ""
            : ", inside "
                + c.operation()
                + " "
                + c.operationFile()
                + " "
                + Durations.format(c.operationNanos());
    close(
        tf.time(c.start())
            + " cascade "
            + c.partition()
            + ": "
            + c.holder()
            + " held the log lock "
            + Durations.format(c.nanos())
            + " ("
            + c.holderSite()
            + ")"
            + op
            + "; "
            + c.waiters()
            + " waiters, max wait "
            + Durations.format(c.maxWaitNanos())
            + ", total "
            + Durations.format(c.totalWaitNanos())
            + (c.note().isEmpty() ? "" : "; " + c.note()));
  }

  private void wait(RecordedLockWait w, String cascadeId) {
    open("lock-wait", w, row(w.thread(), 0), ROW - 1)
        .append(attrs(w.thread(), w.partition()))
        .append(" data-root-holder=\"")
        .append(Html.text(w.rootHolder()))
        .append('"');
    if (cascadeId != null) {
      out.append(" data-cascade=\"").append(cascadeId).append('"');
    }
    String root =
        w.rootHolderOperation() == null
            ? ""
            : ", "
                + w.rootHolderOperation()
                + " "
                + w.rootHolderFile()
                + " "
                + Durations.format(w.rootHolderOperationNanos());
    close(
        tf.time(w.start())
            + " "
            + w.thread()
            + " waited "
            + Durations.format(w.nanos())
            + " for the log lock of "
            + w.partition()
            + " ("
            + w.site()
            + "), held by "
            + w.rootHolder()
            + root);
  }

  private void fileOp(RecordedFileOp f) {
    open("file-op", f, row(f.thread(), 1), ROW - 1)
        .append(attrs(f.thread(), f.partition()))
        .append(" data-op=\"")
        .append(Html.text(f.operation()))
        .append("\" data-file=\"")
        .append(Html.text(f.file()))
        .append('"');
    close(
        tf.time(f.start())
            + " "
            + f.operation()
            + " "
            + f.file()
            + " "
            + Durations.format(f.nanos())
            + ", "
            + Sizes.format(f.bytes())
            + " by "
            + f.thread()
            + (f.note().isEmpty() ? "" : "; " + f.note()));
  }

  private void request(RecordedProduceRequest p) {
    open("produce-request", p, row(p.thread(), 2), ROW - 1)
        .append(attrs(p.thread(), null))
        .append(" data-cause=\"")
        .append(Html.text(p.dominantCause()))
        .append("\" data-partitions=\"")
        .append(Html.text(String.join(",", p.partitions())))
        .append('"');
    close(
        tf.time(p.start())
            + " produce request from "
            + p.clientId()
            + " (correlation "
            + p.correlationId()
            + "): "
            + Durations.format(p.nanos())
            + ", dominant cause "
            + p.dominantCause()
            + "; "
            + String.join(", ", p.partitions()));
  }

  private String link(RecordedCascade c, RecordedLockWait w, String cid) {
    double t = ms(w.start().isBefore(c.start()) ? c.start() : w.start());
    String x = Html.num(x(t));
    return "<line class=\"link\" data-kind=\"link\" data-cascade=\""
        + cid
        + "\" data-holder=\""
        + Html.text(c.holder())
        + "\" data-waiter=\""
        + Html.text(w.thread())
        + "\" data-partition=\""
        + Html.text(c.partition())
        + "\" data-t=\""
        + Html.num(t)
        + "\" x1=\""
        + x
        + "\" y1=\""
        + (row(c.holder(), 0) + ROW / 2)
        + "\" x2=\""
        + x
        + "\" y2=\""
        + (row(w.thread(), 0) + ROW / 2)
        + "\" marker-end=\"url(#arrow-"
        + id
        + ")\"><title>"
        + Html.text(
            w.thread()
                + " waited "
                + Durations.format(w.nanos())
                + " behind "
                + c.holder()
                + " ("
                + c.partition()
                + ")")
        + "</title></line>\n";
  }

  private StringBuilder open(String kind, Timed e, int y, int h) {
    double t0 = ms(e.start());
    double t1 = ms(e.end());
    return out.append("<rect class=\"ev ")
        .append(kind)
        .append("\" data-kind=\"")
        .append(kind)
        .append("\" data-t0=\"")
        .append(Html.num(t0))
        .append("\" data-t1=\"")
        .append(Html.num(t1))
        .append("\" x=\"")
        .append(Html.num(x(t0)))
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(Html.num(Math.max(1, x(t1) - x(t0))))
        .append("\" height=\"")
        .append(h)
        .append('"');
  }

  private void close(String title) {
    out.append("><title>").append(Html.text(title)).append("</title></rect>\n");
  }

  private static String attrs(String thread, String partition) {
    return " data-thread=\""
        + Html.text(thread)
        + "\""
        + (partition == null ? "" : " data-partition=\"" + Html.text(partition) + "\"");
  }

  private int laneY(int lane) {
    return AXIS_HEIGHT + STALL_HEIGHT + lane * LANE;
  }

  private int row(String thread, int row) {
    return laneY(laneIndex.getOrDefault(thread, 0)) + 3 + row * ROW;
  }

  private double ms(Instant t) {
    return Math.round(Duration.between(window.from(), t).toNanos() / 1_000.0) / 1_000.0;
  }

  private double x(double ms) {
    return LABEL_WIDTH + ms * PLOT_WIDTH / Math.max(0.001, ms(window.to()));
  }
}
