package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Draws the dashboard's panels from the query results a real Prometheus returned, as one static
 * page (inline SVG, no script, no network), for a screenshot where Grafana itself is not installed.
 * Time series panels are line charts over the queried range; the table panel lists the last value
 * of each series.
 */
final class DashboardPage {
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };
  private static final int W = 640;
  private static final int H = 200;

  record Panel(String title, List<PrometheusServer.Series> series) {}

  private DashboardPage() {}

  static void write(Path page, List<Panel> panels, Instant from, Instant to) throws IOException {
    StringBuilder b =
        new StringBuilder(
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>kafka-latency"
                + " fleet</title><style>body{font:12px"
                + " sans-serif;background:#111217;color:#ccc;margin:8px}.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}svg{width:100%;height:auto}.panel{background:#181b1f;border:1px"
                + " solid #2c3235;padding:6px}h1{font-size:15px}h2{font-size:13px;margin:2px 0"
                + " 4px}td{padding:1px 8px}.legend"
                + " span{margin-right:10px;word-break:break-all}</style></head><body><h1>Kafka"
                + " produce latency (kafka-latency-agent), fleet: the dashboard's queries against"
                + " Prometheus, "
                + from
                + " to "
                + to
                + "</h1><div class='grid'>");
    for (Panel p : panels) {
      b.append("<div class='panel'><h2>").append(esc(p.title())).append("</h2>");
      if (p.title().startsWith("Worst partitions")) {
        table(b, p);
      } else {
        chart(b, p, from.toEpochMilli() / 1000.0, to.toEpochMilli() / 1000.0);
      }
      b.append("</div>");
    }
    b.append("</div></body></html>");
    Files.writeString(page, b, StandardCharsets.UTF_8);
  }

  private static void chart(StringBuilder b, Panel p, double t0, double t1) {
    double max =
        p.series().stream()
            .flatMap(s -> s.points().stream())
            .mapToDouble(x -> x[1])
            .filter(Double::isFinite)
            .max()
            .orElse(1);
    max = max <= 0 ? 1 : max * 1.1;
    boolean seconds = !p.title().contains("per interval") && !p.title().contains("Slow");
    b.append("<svg viewBox='0 0 ").append(W).append(' ').append(H + 20).append("'>");
    for (int i = 0; i <= 4; i++) {
      double y = H - i * H / 4.0;
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1='50' x2='%d' y1='%.1f' y2='%.1f' stroke='#333'/>"
                  + "<text x='0' y='%.1f' fill='#999'>%s</text>",
              W,
              y,
              y,
              y + 4,
              axis(max * i / 4, seconds)));
    }
    int c = 0;
    for (PrometheusServer.Series s : p.series()) {
      List<String> pts = new ArrayList<>();
      for (double[] pt : s.points()) {
        if (Double.isFinite(pt[1])) {
          pts.add(
              String.format(
                  Locale.ROOT,
                  "%.1f,%.1f",
                  50 + (pt[0] - t0) / (t1 - t0) * (W - 50),
                  H - pt[1] / max * H));
        }
      }
      b.append("<polyline fill='none' stroke-width='1.5' stroke='")
          .append(COLORS[c++ % COLORS.length])
          .append("' points='")
          .append(String.join(" ", pts))
          .append("'/>");
    }
    b.append("</svg><div class='legend'>");
    c = 0;
    for (PrometheusServer.Series s : p.series()) {
      b.append("<span style='color:")
          .append(COLORS[c++ % COLORS.length])
          .append("'>&#9632; ")
          .append(esc(legend(s.labels())))
          .append("</span>");
    }
    b.append("</div>");
  }

  private static void table(StringBuilder b, Panel p) {
    b.append(
        "<table><tr><th>broker</th><th>topic</th><th>partition</th><th>metric</th><th>max</th></tr>");
    for (PrometheusServer.Series s : p.series()) {
      Map<String, String> l = s.labels();
      b.append("<tr><td>")
          .append(esc(l.getOrDefault("instance", "")))
          .append("</td><td>")
          .append(esc(l.getOrDefault("topic", "")))
          .append("</td><td>")
          .append(esc(l.getOrDefault("partition", "")))
          .append("</td><td>")
          .append(esc(l.getOrDefault("metric", "")))
          .append("</td><td>")
          .append(axis(s.last(), true))
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  private static String legend(Map<String, String> labels) {
    return labels.isEmpty()
        ? "fleet"
        : labels.entrySet().stream().map(e -> e.getValue()).collect(Collectors.joining(" "));
  }

  private static String axis(double v, boolean seconds) {
    if (!seconds) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return v >= 1
        ? String.format(Locale.ROOT, "%.2f s", v)
        : v >= 0.001
            ? String.format(Locale.ROOT, "%.1f ms", v * 1e3)
            : String.format(Locale.ROOT, "%.0f µs", v * 1e6);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
  }

  static void screenshot(Path page, Path png) throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory("fleet-chromium-profile");
    Process p =
        new ProcessBuilder(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1320,1400",
                "--screenshot=" + png.toAbsolutePath(),
                page.toAbsolutePath().toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(page.resolveSibling("fleet-chromium.out").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), "chromium failed; see target/fleet-chromium.out");
  }
}
