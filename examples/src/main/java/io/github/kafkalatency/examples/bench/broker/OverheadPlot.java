package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code overhead.svg}: a self-contained SVG (no library, no font files) of the A/B figures. Left,
 * each pair's with/without ratio for throughput and the fixed-rate p50/p99/p99.9 as dots, the
 * median as a bar, the targets as dashed lines; right, every run's start-up time per side; below,
 * the broker heap figure.
 */
final class OverheadPlot {
  private static final int WIDTH = 1120;
  private static final int HEIGHT = 470;
  private static final int TOP = 70;
  private static final int BOTTOM = 380;
  private static final String AGENT = "#d95f02";
  private static final String NONE = "#1b9e77";
  private static final String RATIO = "#3b5b92";

  private final StringBuilder svg = new StringBuilder();

  private OverheadPlot() {}

  static void write(Path file, Summary s) throws IOException {
    OverheadPlot p = new OverheadPlot();
    p.draw(s);
    Files.writeString(file, p.svg);
  }

  private void draw(Summary s) {
    add(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT);
    add("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>");
    text(
        WIDTH / 2.0,
        22,
        "middle",
        15,
        "bold",
        "kafka-latency-agent overhead on a Kafka "
            + s.opts.kafka()
            + " broker: "
            + s.pairCount()
            + " A/B pairs, one machine, one run");
    text(WIDTH / 2.0, 40, "middle", 11, "normal", s.machine);
    if (!s.pairs.isEmpty()) {
      ratios(s, 60, 590);
      startups(s, 640, 800);
      text(
          WIDTH / 2.0,
          445,
          "middle",
          10,
          "normal",
          "fixed rate: "
              + String.format(Locale.ROOT, "%,d", s.opts.rate())
              + " x 1 KB rec/s, acks=1, linger.ms=0, latency from due"
              + " time to ack; max throughput: "
              + s.opts.producers()
              + " producers, linger.ms=5, batch.size=64 KB, acks=1; "
              + s.opts.seconds()
              + " s measured per load and run");
    }
    if (!s.memorySizes().isEmpty()) {
      heap(s, 880, 1090);
      text(
          WIDTH / 2.0,
          462,
          "middle",
          10,
          "normal",
          "broker heap: live bytes after a full GC (jcmd GC.class_histogram) with minus without the"
              + " agent, under a load touching every partition; 10,000 extrapolated from the"
              + " measured sizes");
    }
    add("</svg>");
  }

  private void heap(Summary s, double x0, double x1) {
    List<Integer> sizes = s.memorySizes();
    double at10k = s.agentHeapAt10k();
    int bars = sizes.size() + (Double.isNaN(at10k) ? 0 : 1);
    double hi = Summary.MEMORY_TARGET_MB_PER_10K;
    for (int n : sizes) {
      hi = Math.max(hi, s.agentHeapMegabytes(n));
    }
    if (!Double.isNaN(at10k)) {
      hi = Math.max(hi, at10k);
    }
    double step = niceStep(hi * 1.15);
    hi = Math.ceil(hi * 1.15 / step) * step;
    Axis y = new Axis(0, hi, BOTTOM, TOP);
    text((x0 + x1) / 2, TOP - 12, "middle", 13, "bold", "agent heap (MB)");
    grid(x0, x1, y, step, "%.0f");
    double slot = (x1 - x0) / bars;
    for (int i = 0; i < bars; i++) {
      boolean extrapolated = i == sizes.size();
      double v = extrapolated ? at10k : Math.max(0, s.agentHeapMegabytes(sizes.get(i)));
      double cx = x0 + slot * (i + 0.5);
      add(
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>",
          cx - slot * 0.3,
          y.at(v),
          slot * 0.6,
          y.at(0) - y.at(v),
          AGENT,
          extrapolated
              ? " fill-opacity=\"0.35\" stroke=\"" + AGENT + "\" stroke-dasharray=\"4,3\""
              : "");
      text(cx, y.at(v) - 6, "middle", 11, "bold", String.format(Locale.ROOT, "%.1f", v));
      text(
          cx,
          BOTTOM + 18,
          "middle",
          12,
          "normal",
          String.format(Locale.ROOT, "%,d", extrapolated ? 10_000 : sizes.get(i)));
      if (extrapolated) {
        text(cx, BOTTOM + 33, "middle", 10, "normal", "(extrapolated)");
      }
    }
    line(
        x0,
        y.at(Summary.MEMORY_TARGET_MB_PER_10K),
        x1,
        y.at(Summary.MEMORY_TARGET_MB_PER_10K),
        "#c00",
        1.5,
        "6,4");
    text(
        x0 + 4,
        y.at(Summary.MEMORY_TARGET_MB_PER_10K) - 5,
        "start",
        10,
        "normal",
        String.format(
            Locale.ROOT, "target \u2264 %.0f MB at 10,000", Summary.MEMORY_TARGET_MB_PER_10K));
    text((x0 + x1) / 2, BOTTOM + 48, "middle", 11, "normal", "partitions");
  }

  private void ratios(Summary s, double x0, double x1) {
    double lo = 1.0;
    double hi = 1.0;
    for (Summary.Metric m : Summary.METRICS) {
      for (double r : s.ratios(m)) {
        lo = Math.min(lo, r);
        hi = Math.max(hi, r);
      }
    }
    lo = Math.min(0.9, lo - 0.02);
    hi = Math.max(1.1, hi + 0.02);
    double step = niceStep(hi - lo);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    Axis y = new Axis(lo, hi, BOTTOM, TOP);
    text(
        (x0 + x1) / 2,
        TOP - 12,
        "middle",
        13,
        "bold",
        "with agent / without agent, per pair (dots) and median (bar)");
    grid(x0, x1, y, step, "%.2f");
    line(x0, y.at(1.0), x1, y.at(1.0), "#444", 1.2, null);
    int n = Summary.METRICS.size();
    double slot = (x1 - x0) / n;
    for (int i = 0; i < n; i++) {
      Summary.Metric m = Summary.METRICS.get(i);
      double cx = x0 + slot * (i + 0.5);
      List<Double> r = s.ratios(m);
      if (m.target() != null) {
        line(
            cx - slot * 0.42,
            y.at(m.target()),
            cx + slot * 0.42,
            y.at(m.target()),
            "#c00",
            1.5,
            "6,4");
        text(
            cx - slot * 0.42,
            y.at(m.target()) - 5,
            "start",
            10,
            "normal",
            "target "
                + (m.higherIsBetter() ? "\u2265 " : "\u2264 ")
                + String.format(Locale.ROOT, "%.2f", m.target()));
      }
      dots(cx, r, y, RATIO);
      double med = Stats.median(r);
      line(cx - 18, y.at(med), cx + 18, y.at(med), "#000", 3, null);
      text(cx + 20, y.at(med) + 4, "start", 10, "bold", String.format(Locale.ROOT, "%.3f", med));
      text(cx, BOTTOM + 18, "middle", 11, "normal", m.shortLabel());
      text(
          cx,
          BOTTOM + 33,
          "middle",
          10,
          "normal",
          m.higherIsBetter() ? "(higher is better)" : "(lower is better)");
    }
  }

  private void startups(Summary s, double x0, double x1) {
    double hi = 0;
    for (RunResult r : s.runs) {
      hi = Math.max(hi, r.startupSeconds());
    }
    double step = niceStep(hi * 1.15);
    hi = Math.ceil(hi * 1.15 / step) * step;
    Axis y = new Axis(0, hi, BOTTOM, TOP);
    text((x0 + x1) / 2, TOP - 12, "middle", 13, "bold", "start-up (s)");
    grid(x0, x1, y, step, step < 1 ? "%.1f" : "%.0f");
    double slot = (x1 - x0) / 2;
    for (int i = 0; i < 2; i++) {
      boolean agent = i == 1;
      double cx = x0 + slot * (i + 0.5);
      List<Double> v = s.startups(agent);
      dots(cx, v, y, agent ? AGENT : NONE);
      double med = Stats.median(v);
      line(cx - 18, y.at(med), cx + 18, y.at(med), "#000", 3, null);
      text(cx, y.at(med) - 8, "middle", 11, "bold", String.format(Locale.ROOT, "%.2f", med));
      text(cx, BOTTOM + 18, "middle", 12, "normal", agent ? "with agent" : "without");
    }
    text(
        (x0 + x1) / 2,
        BOTTOM + 33,
        "middle",
        10,
        "normal",
        String.format(
            Locale.ROOT,
            "median delta %+.2f s (target \u2264 +%.1f s)",
            Stats.median(s.startupDeltas()),
            Summary.STARTUP_TARGET_SECONDS));
  }

  private void dots(double cx, List<Double> values, Axis y, String colour) {
    for (int k = 0; k < values.size(); k++) {
      double jitter = values.size() == 1 ? 0 : (k / (double) (values.size() - 1) - 0.5) * 24;
      add(
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.75\"/>",
          cx + jitter, y.at(values.get(k)), colour);
    }
  }

  private void grid(double x0, double x1, Axis y, double step, String format) {
    for (double v = y.lo; v <= y.hi + step / 2; v += step) {
      line(x0, y.at(v), x1, y.at(v), "#ddd", 1, null);
      text(x0 - 6, y.at(v) + 4, "end", 10, "normal", String.format(Locale.ROOT, format, v));
    }
    line(x0, y.at(y.lo), x0, y.at(y.hi), "#888", 1, null);
  }

  private static double niceStep(double range) {
    for (double s : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50}) {
      if (range / s <= 10) {
        return s;
      }
    }
    return 100;
  }

  private void line(
      double x1, double y1, double x2, double y2, String colour, double width, String dash) {
    add(
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
            + " stroke-width=\"%.1f\"%s/>",
        x1, y1, x2, y2, colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private void text(double x, double y, String anchor, int size, String weight, String s) {
    add(
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\""
            + " font-weight=\"%s\">%s</text>",
        x,
        y,
        anchor,
        size,
        weight,
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }

  private void add(String format, Object... args) {
    svg.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private record Axis(double lo, double hi, double bottom, double top) {
    double at(double v) {
      return bottom - (v - lo) / (hi - lo) * (bottom - top);
    }
  }
}
