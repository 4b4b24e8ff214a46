package io.github.kafkalatency.examples.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) for a test: loopback only, its own
 * config and data dir under the test's temp dir, a 1 s scrape interval. Usage: {@code try
 * (PrometheusServer p = PrometheusServer.start(dir, targets, rules)) { p.query(...) }}; close stops
 * it. Results are parsed from the HTTP API's JSON with patterns: the API's shape is stable and the
 * test needs only labels and values.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Pattern SERIES =
      Pattern.compile("\\{\"metric\":\\{([^}]*)},\"value(s?)\":(\\[\\[.*?]]|\\[[^\\]]*])}");
  private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");
  private static final Pattern POINT = Pattern.compile("\\[([0-9.]+),\"([^\"]+)\"]");

  private final Process process;
  private final String base;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  /** One series of a result: its labels and its (time, value) points (one for an instant query). */
  record Series(Map<String, String> labels, List<double[]> points) {
    double last() {
      return points.get(points.size() - 1)[1];
    }

    @Override
    public String toString() {
      return labels + "=" + (points.isEmpty() ? "none" : String.valueOf(last()));
    }
  }

  private PrometheusServer(Process process, String base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** {@code targets}: job label value → host:port. */
  static PrometheusServer start(
      Path dir, Map<String, String> targets, List<Path> ruleFiles, int port)
      throws IOException, InterruptedException {
    StringBuilder config =
        new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
    if (!ruleFiles.isEmpty()) {
      config.append("rule_files:\n");
      ruleFiles.forEach(r -> config.append("  - '").append(r.toAbsolutePath()).append("'\n"));
    }
    config.append("scrape_configs:\n  - job_name: kafka\n    static_configs:\n");
    targets.forEach(
        (broker, target) ->
            config
                .append("      - targets: ['")
                .append(target)
                .append("']\n        labels: {broker: '")
                .append(broker)
                .append("'}\n"));
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(p, "http://127.0.0.1:" + port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!server.ready()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IOException("prometheus did not become ready: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    return server;
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The raw JSON of an instant query at {@code time}. */
  String queryJson(String expr, Instant time) throws IOException, InterruptedException {
    return api("/api/v1/query?query=" + enc(expr) + "&time=" + seconds(time));
  }

  List<Series> query(String expr, Instant time) throws IOException, InterruptedException {
    return parse(queryJson(expr, time));
  }

  List<Series> queryRange(String expr, Instant from, Instant to, Duration step)
      throws IOException, InterruptedException {
    return parse(
        api(
            "/api/v1/query_range?query="
                + enc(expr)
                + "&start="
                + seconds(from)
                + "&end="
                + seconds(to)
                + "&step="
                + step.toMillis() / 1000.0));
  }

  /** The rules' alerts as the server evaluates them, as JSON. */
  String alerts() throws IOException, InterruptedException {
    return api("/api/v1/alerts");
  }

  private String api(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200 || !r.body().startsWith("{\"status\":\"success\"")) {
      throw new IOException("prometheus " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  static List<Series> parse(String json) {
    List<Series> out = new ArrayList<>();
    Matcher m = SERIES.matcher(json);
    while (m.find()) {
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      List<double[]> points = new ArrayList<>();
      Matcher p = POINT.matcher(m.group(3));
      while (p.find()) {
        points.add(
            new double[] {
              Double.parseDouble(p.group(1)),
              Double.parseDouble(p.group(2).replace("Inf", "Infinity"))
            }); // Prometheus writes +Inf, -Inf
      }
      out.add(new Series(labels, points));
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String seconds(Instant t) {
    return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
