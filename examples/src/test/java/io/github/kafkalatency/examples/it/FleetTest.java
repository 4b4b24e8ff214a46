package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real brokers, each with the agent and its Prometheus endpoint, both log dirs on one
 * loop-mounted ext4 that is frozen once under load, scraped by a real Prometheus server (Debian's
 * package) that also evaluates examples/prometheus/kafka-latency-alerts.yml:
 *
 * <ul>
 *   <li>the fleet p99 that {@code histogram_quantile} computes from both brokers' buckets lies in
 *       the bucket of (or next to) the p99 of both brokers' own .hlog for the same window, and the
 *       request counts are equal;
 *   <li>every query of examples/grafana/kafka-latency-fleet.json returns data, and a page drawing
 *       them is rendered by headless Chromium (target/fleet-dashboard.png);
 *   <li>the freeze shows as stalls on both brokers, and the shared-cause alert fires.
 * </ul>
 */
class FleetTest {
  private static final int PARTITIONS = 4;
  private static final int INTERVAL_SECONDS = 2;
  private static final long THRESHOLD_MS = 100;
  private static final Path DASHBOARD = Path.of("grafana", "kafka-latency-fleet.json");
  private static final Path ALERTS = Path.of("prometheus", "kafka-latency-alerts.yml");
  private static final String FLEET_P99 =
      "histogram_quantile(0.99, sum by (le)"
          + " (rate(kafka_latency_seconds_bucket{metric=\"produce-request\"}[1m])))";

  @TempDir Path tmp;

  @Test
  void twoBrokersFrozenTogetherSeenThroughPrometheus() throws Exception {
    FaultGate.need(FaultSupport.ext4Freeze());
    FaultGate.needTool("prometheus");

    List<Path> hlogs = new ArrayList<>();
    List<Path> recordings = new ArrayList<>();
    List<KafkaBroker> brokers = new ArrayList<>();
    Map<String, String> targets = new LinkedHashMap<>();
    try (LoopFileSystem fs = LoopFileSystem.ext4(MemoryBackedDir.under(tmp), 2L << 30)) {
      try {
        for (String name : List.of("b1", "b2")) {
          Path logDir = Files.createDirectories(fs.mountPoint().resolve(name));
          Path hlog = Files.createDirectories(tmp.resolve(name + "-hlog"));
          Path rec = Files.createDirectories(tmp.resolve(name + "-jfr"));
          hlogs.add(hlog.resolve("kafka-latency.hlog"));
          recordings.add(rec);
          int port = freePort();
          targets.put(name, "127.0.0.1:" + port);
          brokers.add(
              KafkaBroker.builder()
                  .kafkaVersion("4.4.0")
                  .logDir(logDir)
                  .serverProperty("num.io.threads", "12")
                  .serverProperty(
                      "log.flush.interval.ms", "1000") // the log flusher's fsyncs: the force panel
                  .serverProperty("log.flush.scheduler.interval.ms", "500")
                  .agentArgs(
                      "intervalSeconds="
                          + INTERVAL_SECONDS
                          + ",thresholdMs="
                          + THRESHOLD_MS
                          + ",lockThresholdMs="
                          + THRESHOLD_MS
                          + ",prometheus=127.0.0.1:"
                          + port
                          + ",histogramTopics=fleet,hlog="
                          + hlog
                          + ",recording="
                          + rec)
                  .start());
        }
        for (KafkaBroker b : brokers) {
          Clients.createTopic(b.bootstrapServers(), "fleet", PARTITIONS);
        }
        try (PrometheusServer prometheus =
            PrometheusServer.start(
                Files.createDirectories(tmp.resolve("prometheus")),
                targets,
                List.of(ALERTS),
                freePort())) {
          awaitSeries(
              prometheus, "count(kafka_latency_seconds_count{metric=\"produce-request\"})", 2);
          assertEquals(
              0,
              prometheus
                  .query(
                      "sum(kafka_latency_seconds_count{metric=\"produce-request\"})", Instant.now())
                  .get(0)
                  .last(),
              "no produce request before the load: the window holds them all");
          Instant loadStart = Instant.now();
          List<PinnedProducers> loads = new ArrayList<>();
          try {
            for (KafkaBroker b : brokers) {
              loads.add(
                  PinnedProducers.start(b.bootstrapServers(), "fleet", PARTITIONS, 3, 10, 512));
            }
            Thread.sleep(20_000);
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            fs.freeze();
            try {
              Thread.sleep(300);
            } finally {
              fs.thaw();
            }
            Thread.sleep(5_000);
          } finally {
            for (PinnedProducers l : loads) {
              l.close();
            }
          }
          Instant loadEnd = Instant.now();
          Thread.sleep(
              (2 * INTERVAL_SECONDS + 3) * 1000L); // the last interval published and scraped
          Instant t = Instant.now();
          assertTrue(
              Duration.between(loadStart, t).toSeconds() < 55,
              "the [1m] window must hold the whole load: " + Duration.between(loadStart, t));

          checkFleetP99AgainstHlog(prometheus, t, hlogs);
          checkIncidents(prometheus, t);
          checkDashboard(prometheus, loadStart.minusSeconds(10), t);
          System.out.println("fleet: load " + loadStart + " to " + loadEnd + ", queried at " + t);
        }
      } finally {
        for (KafkaBroker b : brokers) {
          b.close();
        }
        if (fs.isFrozen()) {
          fs.thaw();
        }
      }
    }
    checkTwoBrokerReport(recordings);
  }

  /**
   * {@code report} over both brokers' recordings (dumped at exit) groups the freeze as one shared
   * incident.
   */
  private void checkTwoBrokerReport(List<Path> recordingDirs) throws Exception {
    Path html = Path.of("target", "fleet-report.html").toAbsolutePath();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("kla.agentJar"),
                "report"));
    recordingDirs.forEach(d -> cmd.add(d.toString()));
    cmd.addAll(List.of("--zone", "UTC", "--top", "5", "--html", html.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    Files.writeString(Path.of("target", "fleet-report.txt"), out);
    System.out.println(
        "fleet report:\n"
            + out.lines().limit(60).collect(java.util.stream.Collectors.joining("\n")));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("kafka-latency-agent report: 2 brokers"), out);
    Matcher shared =
        Pattern.compile(
                "Incidents on more than one broker at the same time \\(within 1000 ms of each"
                    + " other\\): (\\d+)")
            .matcher(out);
    assertTrue(shared.find(), "no shared incidents in\n" + out);
    Matcher group =
        Pattern.compile("(?m)^  1\\. .*, brokers b1-jfr/\\S+, b2-jfr/\\S+$").matcher(out);
    assertTrue(group.find(), "the freeze as one incident on both brokers:\n" + out);
    assertTrue(out.contains("=== broker b1-jfr/") && out.contains("=== broker b2-jfr/"), out);
    String page = Files.readString(html);
    assertTrue(
        page.contains("[b1-jfr] ") && page.contains("[b2-jfr] "),
        "a lane group per broker in " + html);
  }

  private static void checkFleetP99AgainstHlog(
      PrometheusServer prometheus, Instant t, List<Path> hlogs) throws Exception {
    Histogram merged = new Histogram(3);
    for (Path hlog : hlogs) {
      HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
      for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
        if ("broker/produce-request".equals(h.getTag())) {
          merged.add(
              (Histogram) h); // every produce request of the run: all of them after loadStart
        }
      }
    }
    double hlogP99 = merged.getValueAtPercentile(99) / 1e9;
    List<PrometheusServer.Series> counts =
        prometheus.query(
            "sum by (broker) (kafka_latency_seconds_count{metric=\"produce-request\"})", t);
    long promCount = Math.round(counts.stream().mapToDouble(PrometheusServer.Series::last).sum());
    double promP99 = prometheus.query(FLEET_P99, t).get(0).last();
    List<Double> bounds = new ArrayList<>();
    for (PrometheusServer.Series s :
        prometheus.query(
            "kafka_latency_seconds_bucket{metric=\"produce-request\",broker=\"b1\"}", t)) {
      bounds.add(Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")));
    }
    bounds.sort(null);
    System.out.printf(
        "fleet: %s at %s = %.6f s; .hlog of both brokers: p99 %.6f s of %d requests;"
            + " Prometheus count %d (per broker %s); buckets %s%n",
        FLEET_P99, t, promP99, hlogP99, merged.getTotalCount(), promCount, counts, bounds);
    assertTrue(merged.getTotalCount() > 1000, "requests in the .hlog: " + merged.getTotalCount());
    assertEquals(
        merged.getTotalCount(), promCount, "every request the .hlog has, Prometheus counted");
    int promBucket = bucketOf(bounds, promP99);
    int hlogBucket = bucketOf(bounds, hlogP99);
    assertTrue(
        Math.abs(promBucket - hlogBucket) <= 1,
        "fleet p99 "
            + promP99
            + " (bucket ≤"
            + bounds.get(promBucket)
            + ") vs .hlog p99 "
            + hlogP99
            + " (bucket ≤"
            + bounds.get(hlogBucket)
            + ")");
  }

  private static int bucketOf(List<Double> bounds, double value) {
    int i = 0;
    while (i < bounds.size() - 1 && value > bounds.get(i)) {
      i++;
    }
    return i;
  }

  /**
   * The freeze as counters: stalls on both brokers, cascades, and the shared-cause alert firing.
   */
  private static void checkIncidents(PrometheusServer prometheus, Instant t) throws Exception {
    List<PrometheusServer.Series> stalls =
        prometheus.query(
            "sum by (broker, log_dir) (increase(kafka_latency_stalls_total[1m])) > 0", t);
    List<PrometheusServer.Series> cascades =
        prometheus.query("sum by (broker, op) (increase(kafka_latency_cascades_total[1m])) > 0", t);
    String alerts = prometheus.alerts();
    System.out.println("fleet: stalls " + stalls + "; cascades " + cascades + "; alerts " + alerts);
    assertEquals(
        List.of("b1", "b2"),
        stalls.stream().map(s -> s.labels().get("broker")).sorted().distinct().toList(),
        "a stall of the frozen log dir on each broker");
    assertTrue(alerts.contains("\"alertname\":\"KafkaLogDirStallOnSeveralBrokers\""), alerts);
  }

  /** Every query of the dashboard, with Grafana's variables filled in, returns data. */
  private static void checkDashboard(PrometheusServer prometheus, Instant from, Instant to)
      throws Exception {
    String json = Files.readString(DASHBOARD);
    Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)+)\"").matcher(json);
    List<DashboardPage.Panel> panels = new ArrayList<>();
    int queries = 0;
    for (String panelJson : json.split("\"type\": \"(?=timeseries|table)")) {
      Matcher t = Pattern.compile("\"title\": \"([^\"]+)\"").matcher(panelJson);
      if (!panelJson.startsWith("timeseries") && !panelJson.startsWith("table") || !t.find()) {
        continue;
      }
      DashboardPage.Panel panel = new DashboardPage.Panel(t.group(1), new ArrayList<>());
      Matcher e = expr.reset(panelJson);
      while (e.find()) {
        String q =
            e.group(1)
                .replace("\\\"", "\"")
                .replace("$__rate_interval", "10s")
                .replace("$__range", "2m")
                .replace("$instance", ".*");
        List<PrometheusServer.Series> result =
            prometheus.queryRange(q, from, to, Duration.ofSeconds(2));
        long finite =
            result.stream()
                .flatMap(s -> s.points().stream())
                .filter(p -> Double.isFinite(p[1]))
                .count();
        System.out.println(
            "dashboard: " + q + " -> " + result.size() + " series, " + finite + " points");
        assertTrue(finite > 0, "no data for the dashboard query " + q);
        panel.series().addAll(result);
        queries++;
      }
      panels.add(panel);
    }
    assertEquals(11, panels.size(), "panels of " + DASHBOARD);
    assertTrue(queries >= 13, "queries: " + queries);
    Path page = Path.of("target", "fleet-dashboard.html");
    DashboardPage.write(page, panels, from, to);
    Path png = Path.of("target", "fleet-dashboard.png");
    DashboardPage.screenshot(page, png);
    assertTrue(Files.size(png) > 20_000, "screenshot " + Files.size(png) + " bytes");
  }

  private static void awaitSeries(PrometheusServer p, String expr, double expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<PrometheusServer.Series> r = p.query(expr, Instant.now());
      if (!r.isEmpty() && r.get(0).last() == expected) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail(expr + " = " + r + " after 60 s; prometheus log: " + p.log());
      }
      Thread.sleep(500);
    }
  }

  static boolean onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, name).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
