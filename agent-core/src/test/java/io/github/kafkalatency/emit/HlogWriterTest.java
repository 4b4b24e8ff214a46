package io.github.kafkalatency.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.record.Aggregator;
import io.github.kafkalatency.record.FakeLog;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LogDirs;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import io.github.kafkalatency.record.Partitions;
import io.github.kafkalatency.record.ProbeRecorder;
import io.github.kafkalatency.record.SlowOperationListener;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlogWriterTest {
  private static final String DATA = "/data";

  @TempDir Path dir;

  private final LogDirs logDirs = new LogDirs();
  private final ProbeRecorder recorder;
  private final Aggregator aggregator;
  private final FakeLog orders3 = new FakeLog("orders", 3, new File(DATA));
  private final FakeLog orders1 = new FakeLog("orders", 1, new File(DATA));

  HlogWriterTest() {
    logDirs.learn(DATA);
    recorder =
        new ProbeRecorder(
            new Partitions(logDirs), 5_000_000, 1_000_000, SlowOperationListener.NONE);
    aggregator = new Aggregator(recorder, 5_000, 5, List.of());
  }

  /** Appends to orders-3 and orders-1 and a write to orders-3, with made-up durations. */
  private IntervalSnapshot interval(int scale) {
    for (int i = 1; i <= 50; i++) {
      recorder.appendEnd(orders3, System.nanoTime() - i * 100_000L * scale, null, false);
    }
    recorder.appendEnd(orders1, System.nanoTime() - 2_000_000L * scale, null, false);
    String segment = DATA + "/orders-3/00000000000000000000.log";
    long start = recorder.fileOpStart(Probe.WRITE, segment, 100, 0);
    recorder.fileOpEnd(Probe.WRITE, segment, start - 300_000L * scale, 100);
    aggregator.drain();
    return aggregator.rollInterval();
  }

  @Test
  void tagsEachPartitionAndMetricAndKeepsTheValues() throws Exception {
    IntervalSnapshot first = interval(1);
    IntervalSnapshot second = interval(3);
    try (HlogWriter w = new HlogWriter(dir, 1 << 20, 4)) {
      w.onInterval(first);
      w.onInterval(second);
    }
    assertNull(
        first.brokerHistogram(Metric.APPEND).getTag(),
        "the snapshot's histogram is left as it was");

    Map<String, List<Histogram>> byTag = read(dir.resolve("kafka-latency.hlog"));
    assertEquals(
        Map.of(
            "broker/append",
            2,
            "broker/write",
            2,
            "orders-3/append",
            2,
            "orders-1/append",
            2,
            "orders-3/write",
            2),
        counts(byTag));
    for (int i = 0; i < 2; i++) {
      IntervalSnapshot s = i == 0 ? first : second;
      assertSame(s.brokerHistogram(Metric.APPEND), byTag.get("broker/append").get(i));
      assertSame(s.brokerHistogram(Metric.WRITE), byTag.get("broker/write").get(i));
      PartitionInterval orders3 =
          s.partitions().stream().filter(p -> p.name().equals("orders-3")).findFirst().get();
      assertSame(orders3.histogram(Metric.APPEND), byTag.get("orders-3/append").get(i));
      assertEquals(50, byTag.get("orders-3/append").get(i).getTotalCount());
      // the interval's wall-clock times survive the base-time arithmetic
      Histogram h = byTag.get("broker/append").get(i);
      assertEquals(s.startMillis(), h.getStartTimeStamp(), 1.0);
      assertEquals(s.endMillis(), h.getEndTimeStamp(), 1.0);
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-r-----",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(dir.resolve("kafka-latency.hlog"))));
    }
  }

  @Test
  void histogramLogProcessorReadsATag() throws Exception {
    try (HlogWriter w = new HlogWriter(dir, 1 << 20, 4)) {
      w.onInterval(interval(1));
      w.onInterval(interval(2));
    }
    Path out = dir.resolve("processed");
    HistogramLogProcessor p =
        new HistogramLogProcessor(
            new String[] {
              "-i",
              dir.resolve("kafka-latency.hlog").toString(),
              "-tag",
              "orders-3/append",
              "-csv",
              "-o",
              out.toString()
            });
    p.run();
    // comments and a header, then one row per interval: Timestamp,Int_Count,Int_50%,…
    List<String> rows =
        Files.readAllLines(out, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("#") && !l.startsWith("\""))
            .collect(Collectors.toList());
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("50", rows.get(0).split(",")[1], rows.get(0));
    assertEquals("50", rows.get(1).split(",")[1], rows.get(1));
    assertEquals("100", rows.get(1).split(",")[5], "Total_Count: " + rows.get(1));
  }

  @Test
  void rotatesBySizeAndKeepsTheCount() throws Exception {
    try (HlogWriter w = new HlogWriter(dir, 1, 3)) { // every interval fills a file
      for (int i = 1; i <= 5; i++) {
        w.onInterval(interval(i));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("kafka-latency.1.hlog", "kafka-latency.2.hlog", "kafka-latency.hlog"),
          files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    // newest in kafka-latency.hlog; each file is a complete log of its own
    long[] expectedMax = new long[3];
    for (int k = 0; k < 3; k++) {
      Map<String, List<Histogram>> byTag = read(dir.resolve(HlogWriter.rotated(k)));
      assertEquals(1, byTag.get("broker/append").size());
      expectedMax[k] = byTag.get("broker/append").get(0).getMaxValue();
    }
    assertTrue(
        expectedMax[0] > expectedMax[1] && expectedMax[1] > expectedMax[2],
        "newest (largest scale) first: " + java.util.Arrays.toString(expectedMax));
  }

  @Test
  void aFileLeftByAnEarlierRunIsRotatedNotAppendedTo() throws Exception {
    Files.writeString(dir.resolve("kafka-latency.hlog"), "earlier run\n");
    try (HlogWriter w = new HlogWriter(dir, 1 << 20, 2)) {
      w.onInterval(interval(1));
    }
    assertEquals("earlier run\n", Files.readString(dir.resolve("kafka-latency.1.hlog")));
    assertFalse(Files.readString(dir.resolve("kafka-latency.hlog")).contains("earlier run"));
    try (HlogWriter w = new HlogWriter(dir, 1 << 20, 2)) {
      w.onInterval(interval(1));
    }
    assertFalse(
        Files.readString(dir.resolve("kafka-latency.1.hlog")).contains("earlier run"),
        "beyond the count");
  }

  @Test
  void aFailureTurnsItOffQuietly() throws Exception {
    Path gone = dir.resolve("gone");
    HlogWriter w = new HlogWriter(gone, 1 << 20, 2);
    w.onInterval(interval(1)); // no such directory: reported once, no exception
    w.onInterval(interval(1));
    assertFalse(Files.exists(gone));
  }

  private static void assertSame(Histogram expected, Histogram actual) {
    assertEquals(expected.getTotalCount(), actual.getTotalCount());
    for (double q : new double[] {50, 99, 99.9, 100}) {
      assertEquals(expected.getValueAtPercentile(q), actual.getValueAtPercentile(q), "p" + q);
    }
    assertEquals(expected.getMaxValue(), actual.getMaxValue());
  }

  private static Map<String, List<Histogram>> read(Path file) throws Exception {
    Map<String, List<Histogram>> byTag = new HashMap<>();
    HistogramLogReader reader = new HistogramLogReader(file.toString());
    try {
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram()) != null) {
        byTag.computeIfAbsent(h.getTag(), t -> new java.util.ArrayList<>()).add((Histogram) h);
      }
    } finally {
      reader.close();
    }
    return byTag;
  }

  private static Map<String, Integer> counts(Map<String, List<Histogram>> byTag) {
    Map<String, Integer> m = new HashMap<>();
    byTag.forEach((t, l) -> m.put(t, l.size()));
    return m;
  }
}
