package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory follows active partitions: 10,000 partitions, each with appends, lock holds and waits,
 * writes, reads and transfers in one interval, fit in the 32 MB budget; once idle they are released
 * and the heap returns to where it started. Prints the figures it measured.
 */
class MemoryFootprintTest {
  private static final int PARTITIONS = 10_000;
  private static final long BUDGET = 32L << 20;

  @Test
  void tenThousandActivePartitionsFitTheBudgetAndAreReleasedWhenIdle() throws Exception {
    LogDirs dirs = new LogDirs();
    dirs.learn("/data/kafka");
    Partitions partitions = new Partitions(dirs);
    ProbeRecorder recorder =
        new ProbeRecorder(partitions, Long.MAX_VALUE, Long.MAX_VALUE, SlowOperationListener.NONE);
    Aggregator aggregator = new Aggregator(recorder, 60_000, 2, List.of());
    File logDir = new File("/data/kafka");
    aggregator.rollInterval();
    long baseline = usedHeap();

    List<FakeLog> logs = new ArrayList<>();
    for (int i = 0; i < PARTITIONS; i++) {
      logs.add(new FakeLog("topic-" + (i / 100), i % 100, logDir));
    }
    long logsOnly = usedHeap() - baseline; // the stand-ins for Kafka's objects are not the agent's
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < logs.size(); i++) {
        FakeLog log = logs.get(i);
        if (i % 200 == 0) {
          aggregator.drain(); // as the aggregator thread does every tick
        }
        String segment = log.dir().getPath() + "/00000000000000000000.log";
        recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
        recorder.logLockAcquired(null);
        long w = recorder.fileOpStart(Probe.WRITE, segment, 1000, -1);
        recorder.fileOpEnd(Probe.WRITE, segment, w - 1000L * round, 1000);
        recorder.logLockReleasing(null);
        recorder.logLockReleased(null);
        recorder.appendEnd(log, System.nanoTime() - 20_000 - 997L * round, null, false);
        long r = recorder.fileOpStart(Probe.TRANSFER_TO, segment, 1000, 0);
        recorder.fileOpEnd(Probe.TRANSFER_TO, segment, r - 3_000L * round, 1000);
      }
      aggregator.drain();
    }
    long active = usedHeap() - baseline - logsOnly;
    assertEquals(PARTITIONS, partitions.size());
    System.out.printf(
        "agent heap for %,d active partitions: %.1f MB (budget %d MB)%n",
        PARTITIONS, active / 1048576.0, BUDGET >> 20);
    assertTrue(
        active <= BUDGET, "agent heap " + active + " bytes for " + PARTITIONS + " partitions");

    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(PARTITIONS, s.partitions().size());
    assertEquals(0, s.droppedEvents());
    s = null;
    aggregator.rollInterval();
    aggregator.rollInterval(); // idle for 2 intervals: released
    assertEquals(0, partitions.size());
    long afterRelease = usedHeap() - baseline - logsOnly;
    System.out.printf("after release: %.1f MB above the baseline%n", afterRelease / 1048576.0);
    assertTrue(afterRelease < 2L << 20, "heap did not return to the baseline: " + afterRelease);
    assertEquals(PARTITIONS, logs.size()); // keeps the stand-ins alive through the measurement
  }

  private static long usedHeap() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
