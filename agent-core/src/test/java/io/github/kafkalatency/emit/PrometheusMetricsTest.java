package io.github.kafkalatency.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.record.Aggregator;
import io.github.kafkalatency.record.FakeLog;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LogDirs;
import io.github.kafkalatency.record.Partitions;
import io.github.kafkalatency.record.ProbeRecorder;
import io.github.kafkalatency.record.SlowOperationListener;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private final ProbeRecorder recorder =
      new ProbeRecorder(
          new Partitions(new LogDirs()), 5_000_000, 1_000_000, SlowOperationListener.NONE);
  private final Aggregator aggregator = new Aggregator(recorder, 5_000, 5, List.of());
  private final FakeLog orders = new FakeLog("orders", 3, new File("/data/a"));
  private final FakeLog audit = new FakeLog("audit", 0, new File("/data/b"));

  private IntervalSnapshot interval(FakeLog log, long... appendNanos) {
    for (long n : appendNanos) {
      recorder.appendEnd(log, System.nanoTime() - n, null, false);
    }
    aggregator.drain();
    return aggregator.rollInterval();
  }

  private static String text(PrometheusMetrics m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, m.collect());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static double sample(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertTrue(m.find(), "no series " + series + " in\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void bucketsAccumulateAcrossIntervalsInTheFixedLayout() throws Exception {
    PrometheusMetrics metrics = new PrometheusMetrics(List.of(), 2);
    String empty = text(metrics);
    assertEquals(0, sample(empty, "kafka_latency_seconds_count{metric=\"append\"}"));
    assertEquals(
        0,
        sample(empty, "kafka_latency_slow_requests_total{cause=\"write\"}"),
        "zero before any slow request");

    metrics.onInterval(interval(orders, 30_000_000)); // 30 ms; plus scheduling delay, under 50 ms
    metrics.onInterval(interval(orders, 200_000_000)); // 200 ms, under 250 ms
    String t = text(metrics);
    assertEquals(2, sample(t, "kafka_latency_seconds_count{metric=\"append\"}"));
    assertEquals(0, sample(t, "kafka_latency_seconds_bucket{metric=\"append\",le=\"0.025\"}"));
    assertEquals(1, sample(t, "kafka_latency_seconds_bucket{metric=\"append\",le=\"0.05\"}"));
    assertEquals(1, sample(t, "kafka_latency_seconds_bucket{metric=\"append\",le=\"0.1\"}"));
    assertEquals(2, sample(t, "kafka_latency_seconds_bucket{metric=\"append\",le=\"0.25\"}"));
    assertEquals(2, sample(t, "kafka_latency_seconds_bucket{metric=\"append\",le=\"+Inf\"}"));
    double sum = sample(t, "kafka_latency_seconds_sum{metric=\"append\"}");
    assertTrue(sum >= 0.227 && sum < 0.3, "sum " + sum);
    Matcher le =
        Pattern.compile("kafka_latency_seconds_bucket\\{metric=\"append\",le=\"([^\"]+)\"}")
            .matcher(t);
    int buckets = 0;
    while (le.find()) {
      buckets++;
    }
    assertEquals(CumulativeHistogram.UPPER_BOUNDS_SECONDS.length, buckets, "10 µs … 10 s and +Inf");
    assertEquals(
        2, sample(t, "kafka_latency_log_dir_seconds_count{log_dir=\"/data/a\",metric=\"append\"}"));
    assertTrue(t.contains("# TYPE kafka_latency_seconds histogram"), t);
  }

  @Test
  void perPartitionSeriesOnlyForTheAllowedTopics() throws Exception {
    PrometheusMetrics metrics = new PrometheusMetrics(List.of("orders"), 1);
    metrics.onInterval(interval(orders, 2_000_000));
    metrics.onInterval(interval(audit, 9_000_000));
    String t = text(metrics);
    assertEquals(
        1,
        sample(
            t,
            "kafka_latency_partition_seconds_count{metric=\"append\",partition=\"3\",topic=\"orders\"}"));
    assertFalse(
        t.contains("topic=\"audit\",")
            && t.contains(
                "kafka_latency_partition_seconds_count{metric=\"append\","
                    + "partition=\"0\",topic=\"audit\"}"),
        "audit is not allowed");
    assertFalse(
        t.contains("kafka_latency_partition_seconds_count{metric=\"append\",partition=\"0\""), t);
    // the worst partition of the last interval, as a gauge, whatever the allow-list
    double max =
        sample(
            t,
            "kafka_latency_worst_partition_max_seconds{metric=\"append\",partition=\"0\",rank=\"1\","
                + "topic=\"audit\"}");
    assertTrue(max >= 0.009 && max < 0.05, "max " + max);
    assertFalse(t.contains("rank=\"2\""), "topPartitions=1");
    assertEquals(
        1, sample(t, "kafka_latency_log_dir_seconds_count{log_dir=\"/data/b\",metric=\"append\"}"));
  }

  @Test
  void aValueCountsInTheFirstBucketAtOrAboveIt() {
    CumulativeHistogram c = new CumulativeHistogram();
    Histogram h = new Histogram(1_000L, 3_600_000_000_000L, 2);
    h.recordValue(5_000); // 5 µs
    h.recordValue(40_000); // 40 µs
    h.recordValue(3_000_000_000L); // 3 s
    h.recordValue(30_000_000_000L); // 30 s
    c.add(h);
    long[] b = c.bucketCounts();
    assertEquals(1, b[0], "≤ 10 µs");
    assertEquals(1, b[2], "≤ 50 µs");
    assertEquals(1, b[CumulativeHistogram.bucketOf(3_000_000_000L)]);
    assertEquals(5, CumulativeHistogram.bucketOf(500_000), "500 µs is its own bound");
    assertEquals(1, b[b.length - 1], "+Inf");
    assertEquals(4, c.count());
  }

  @Test
  void theEndpointServesTheTextFormat() throws Exception {
    PrometheusMetrics metrics = new PrometheusMetrics(List.of(), 2);
    metrics.onInterval(interval(orders, 1_000_000));
    try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, metrics)) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals(1, sample(r.body(), "kafka_latency_seconds_count{metric=\"append\"}"));
    }
  }
}
