package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.emit.SummaryFormatter;
import io.github.kafkalatency.probe.Probe;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The summary lines of a stall and a cascade as an operator reads them: verdict, chain, kernel
 * site, hint.
 */
class IncidentLinesTest {
  private static final long MS = 1_000_000L;

  @Test
  void aStallAndACascadeSayWhatToDoAndWhy() {
    Hint hint = new Hint("fs-frozen", "find what froze the file system", "2 partitions stuck");
    Stall stall =
        new Stall(
            "/data/logs",
            0,
            323 * MS,
            List.of("f-0", "f-1"),
            List.of("h1", "h2"),
            8,
            321 * MS,
            new JvmPauses.Overlap("GC pause (G1 Young Generation)", 41 * MS, 41 * MS),
            "percpu_rwsem_wait",
            hint);
    Cascade cascade =
        new Cascade(
            "f",
            0,
            new Thread("h1"),
            "append",
            0,
            345 * MS,
            Probe.WRITE,
            "f-0/00000000000000000000.log",
            344 * MS,
            512,
            null,
            5,
            1_500 * MS,
            340 * MS,
            List.of("h2", "h3"),
            1,
            12 * MS,
            new Thread("h0"),
            null,
            "/data/logs",
            "percpu_rwsem_wait",
            null);
    Map<Metric, Histogram> broker = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      broker.put(m, SparseHistogram.newHistogram());
    }
    broker.get(Metric.APPEND).recordValue(5 * MS);
    IntervalSnapshot s =
        new IntervalSnapshot(
            0, 5_000, broker, List.of(), 0, List.of(cascade), List.of(stall), Map.of(), 2);
    List<String> lines = new SummaryFormatter(0).format(s);
    assertEquals(
        "stall /data/logs: 2 partitions stuck for 323ms (f-0, f-1); 8 slow writes by 2 threads,"
            + " longest 321ms: the disk or file system, of which 41ms a GC pause (G1 Young"
            + " Generation) (13%); kernel wait site percpu_rwsem_wait; hint: find what froze the"
            + " file system (evidence: 2 partitions stuck)",
        lines.get(0));
    assertEquals(
        "cascade f-0: h1 held the log lock 345ms (append), inside write"
            + " f-0/00000000000000000000.log 344ms, after waiting 12ms itself behind h0 (a chain):"
            + " the disk or file system; 5 waiters, max wait 340ms, total 1.5s (1 arrived while"
            + " another thread held the lock briefly); kernel wait site percpu_rwsem_wait",
        lines.get(1));
    assertTrue(lines.get(2).startsWith("interval 5s: append n=1"), lines.get(2));
  }
}
