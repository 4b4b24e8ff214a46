package io.github.kafkalatency.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.record.Aggregator;
import io.github.kafkalatency.record.FakeLog;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LogDirs;
import io.github.kafkalatency.record.Partitions;
import io.github.kafkalatency.record.ProbeRecorder;
import io.github.kafkalatency.record.SlowOperationListener;
import io.github.kafkalatency.text.Durations;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {
  private final ProbeRecorder recorder =
      new ProbeRecorder(
          new Partitions(new LogDirs()), 5_000_000, 1_000_000, SlowOperationListener.NONE);
  private final Aggregator aggregator = new Aggregator(recorder, 5_000, 5, List.of());

  @Test
  void quietIntervalIsOneShortLine() {
    List<String> lines = new SummaryFormatter(5).format(aggregator.rollInterval());
    assertEquals(1, lines.size());
    assertTrue(
        lines
            .get(0)
            .matches(
                "interval \\d+s: quiet \\(no appends, lock waits or log file I/O\\); tracking 0"
                    + " partitions"),
        lines.get(0));
  }

  @Test
  void namesWorstPartitionsAsTopicDashPartition() {
    File dir = new File("/data");
    recorder.appendEnd(new FakeLog("orders", 3, dir), System.nanoTime() - 40_000_000, null, false);
    recorder.appendEnd(new FakeLog("orders", 1, dir), System.nanoTime() - 2_000_000, null, false);
    recorder.appendEnd(
        new FakeLog("__cluster_metadata", 0, dir), System.nanoTime() - 1_000, null, false);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    List<String> lines = new SummaryFormatter(2).format(s);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches(
                "interval \\d+s: append n=3 p50=\\S+ p99=\\S+ p999=\\S+ max=4\\dms; tracking 3"
                    + " partitions"),
        lines.get(0));
    assertTrue(
        lines.get(1).startsWith("worst partitions: orders-3 [append n=1 p99=4"), lines.get(1));
    assertTrue(lines.get(1).contains("; orders-1 [append n=1"), lines.get(1));
    assertTrue(!lines.get(1).contains("__cluster_metadata"), "only the top 2");
  }

  @Test
  void durationsReadWell() {
    assertEquals("850ns", Durations.format(850));
    assertEquals("85us", Durations.format(85_400));
    assertEquals("1.2ms", Durations.format(1_240_000));
    assertEquals("310ms", Durations.format(310_000_000));
    assertEquals("3.1s", Durations.format(3_100_000_000L));
  }
}
