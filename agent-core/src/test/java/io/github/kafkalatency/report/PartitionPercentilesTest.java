package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Over a window: total count, max of maxima, and the highest interval p99; broker-wide first. */
class PartitionPercentilesTest {
  private static final Instant T = Instant.parse("2026-11-25T04:00:00Z");

  @Test
  void aggregatesIntervalsPerPartitionAndMetric() {
    List<PartitionPercentiles.Row> rows =
        PartitionPercentiles.of(
            List.of(
                interval(0, "demo-1", "write", 10, 2_000, 9_000),
                interval(0, "demo-0", "append", 100, 1_000, 5_000),
                interval(5, "demo-0", "append", 50, 7_000, 8_000),
                interval(0, "demo-0", "lock-wait", 3, 900, 40_000),
                interval(0, "broker-wide", "append", 150, 7_000, 8_000)));
    assertEquals(
        List.of(
            new PartitionPercentiles.Row("broker-wide", "append", 1, 150, 7_000, 8_000),
            new PartitionPercentiles.Row("demo-0", "append", 2, 150, 7_000, 8_000),
            new PartitionPercentiles.Row("demo-0", "lock-wait", 1, 3, 900, 40_000),
            new PartitionPercentiles.Row("demo-1", "write", 1, 10, 2_000, 9_000)),
        rows);
  }

  private static RecordedInterval interval(
      int atSecond, String partition, String metric, long count, long p99, long max) {
    return new RecordedInterval(
        T.plusSeconds(atSecond), 5_000_000_000L, partition, metric, count, p99 / 2, p99, max, max);
  }
}
