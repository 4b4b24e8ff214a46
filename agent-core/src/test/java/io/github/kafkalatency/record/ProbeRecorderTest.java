package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Drives the recorder through the sink interface exactly as the inserted bytecode does. */
class ProbeRecorderTest {
  private final File logDir = new File("/data/kafka");
  private final LogDirs dirs = new LogDirs();
  private final Partitions partitions = new Partitions(dirs);
  private final Slow slow = new Slow();
  private final ProbeRecorder recorder = new ProbeRecorder(partitions, 5_000_000, 1_000_000, slow);
  private final List<RootedWait> slowWaits = new ArrayList<>();
  private final Aggregator aggregator =
      new Aggregator(
          recorder,
          60_000,
          2,
          List.of(),
          List.of(
              new IncidentListener() {
                @Override
                public void onLockWait(RootedWait w) {
                  slowWaits.add(w);
                }

                @Override
                public void onCascade(Cascade c) {}

                @Override
                public void onStall(Stall s) {}
              }));

  private static final class Slow implements SlowOperationListener {
    final List<String> events = new ArrayList<>();
    volatile IoOverlap overlap;
    volatile ProduceTrace request;

    @Override
    public void slowProduceRequest(ProduceTrace r) {
      request = r;
    }

    @Override
    public void slowAppend(PartitionState p, long s, long d, long r, long b) {
      events.add("append " + p + " records=" + r + " bytes=" + b);
    }

    @Override
    public void slowLockHold(PartitionState p, String site, long s, long h) {
      events.add("lock-hold " + p + " site=" + site);
    }

    @Override
    public void slowPartitionLockWait(PartitionState p, long s, long w) {
      events.add("partition-lock-wait " + p);
    }

    @Override
    public void slowFileOp(
        PartitionState p,
        String d,
        String f,
        int op,
        long s,
        long du,
        long b,
        boolean underLock,
        IoOverlap o,
        String kernelSite,
        long baseOffset,
        long records) {
      if (o != null) {
        overlap = o;
      }
      events.add(
          "file "
              + op
              + " "
              + p
              + " "
              + f
              + " underLock="
              + underLock
              + (baseOffset >= 0 ? " baseOffset=" + baseOffset + " records=" + records : ""));
    }
  }

  private void lockAndRun(FakeLog log, int site, Runnable body) {
    recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, site);
    synchronized (log.lock) {
      recorder.logLockAcquired(log.kafkaLatency$partition);
      body.run();
      recorder.logLockReleasing(log.kafkaLatency$partition);
    }
    recorder.logLockReleased(log.kafkaLatency$partition);
  }

  @Test
  void appendsAreCountedPerPartitionWithRecordsAndBytes() {
    FakeLog a = new FakeLog("orders", 0, logDir);
    FakeLog b = new FakeLog("orders", 1, logDir);
    for (int i = 0; i < 3; i++) {
      recorder.appendEnd(a, System.nanoTime() - 1_000, new FakeLog.AppendInfo(10, 1000), false);
    }
    recorder.appendEnd(b, System.nanoTime() - 1_000, new FakeLog.AppendInfo(1, 50), false);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(4, s.brokerWide(Metric.APPEND).count());
    PartitionInterval pa = find(s, "orders-0");
    assertEquals(3, pa.summary(Metric.APPEND).count());
    assertEquals(30, pa.appendRecords());
    assertEquals(3000, pa.appendBytes());
    assertEquals(1, find(s, "orders-1").summary(Metric.APPEND).count());
    assertEquals(List.of("/data/kafka"), dirs.all(), "the log dir is learned from the log");
  }

  @Test
  void anAppendEndsAtItsLogLockReleaseOrElseReadsTheClock() {
    FakeLog log = new FakeLog("t", 0, logDir);
    FakeLog.AppendInfo info = new FakeLog.AppendInfo(1, 10);
    long start = System.nanoTime();
    lockAndRun(log, 0, () -> {});
    sleep(30); // after the release: not part of an append that returns from its synchronized block
    recorder.appendEnd(log, start, info, false);
    long lockless = System.nanoTime();
    sleep(30);
    recorder.appendEnd(log, lockless, info, false); // took no lock: ends when appendEnd runs
    aggregator.drain();
    LatencySummary appends = find(aggregator.rollInterval(), "t-0").summary(Metric.APPEND);
    assertEquals(2, appends.count());
    assertTrue(appends.p50() < 20_000_000L, "the lower one ended at the release: " + appends.p50());
    assertTrue(
        appends.max() >= 30_000_000L, "the lock-free one ended at the clock: " + appends.max());
  }

  @Test
  void aReleaseRecordedAfterTheMonitorExitNeverClearsTheNextHolder() throws Exception {
    FakeLog log = new FakeLog("t", 0, logDir);
    recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
    synchronized (log.lock) {
      recorder.logLockAcquired(null);
    }
    // Out of the monitor, before this thread's logLockExited runs: another thread takes the lock.
    CountDownLatch nextHolds = new CountDownLatch(1);
    CountDownLatch exited = new CountDownLatch(1);
    Thread next =
        new Thread(
            () -> {
              recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
              synchronized (log.lock) {
                recorder.logLockAcquired(null);
                nextHolds.countDown();
                awaitQuietly(exited);
                recorder.logLockReleasing(null);
              }
              recorder.logLockReleased(null);
            });
    next.start();
    nextHolds.await();
    recorder.logLockExited(null);
    PartitionState p = partitions.ofLog(log);
    LockAttempt holder = p.holder;
    exited.countDown();
    next.join();
    assertNotNull(holder, "the next holder's entry survived the late release");
    assertSame(next, holder.owner.thread);
    assertNull(p.holder);
    aggregator.drain();
    assertEquals(2, find(aggregator.rollInterval(), "t-0").summary(Metric.LOCK_HOLD).count());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void everyPartitionLockAcquisitionIsAWaitChargedToItsPartition() {
    FakeLog partition = new FakeLog("t", 0, logDir); // a Partition has topicPartition() too
    FakeLog log = new FakeLog("t", 0, logDir);
    FakeLog other = new FakeLog("u", 0, logDir);
    for (int i = 0; i < 5; i++) {
      recorder.partitionLockRequested();
      recorder.partitionLockAcquired(partition);
      // the append under that lock charges the wait, by identity once the Partition is known
      recorder.appendEnd(log, System.nanoTime(), null, false);
    }
    recorder.partitionLockAcquired(partition); // no request before it: not a wait
    // a wait whose append never came: charged to its own partition, not to the next append's
    recorder.partitionLockRequested();
    recorder.partitionLockAcquired(partition);
    recorder.appendEnd(other, System.nanoTime(), null, false);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(6, find(s, "t-0").summary(Metric.PARTITION_LOCK_WAIT).count());
    assertEquals(6, s.brokerWide(Metric.PARTITION_LOCK_WAIT).count());
    assertEquals(0, find(s, "u-0").summary(Metric.PARTITION_LOCK_WAIT).count());
  }

  @Test
  void uncontendedLockIsHeldButNeverWaitedFor() {
    FakeLog log = new FakeLog("t", 0, logDir);
    for (int i = 0; i < 100; i++) {
      lockAndRun(log, 0, () -> {});
    }
    aggregator.drain();
    PartitionInterval p = find(aggregator.rollInterval(), "t-0");
    assertEquals(100, p.summary(Metric.LOCK_HOLD).count());
    assertEquals(0, p.summary(Metric.LOCK_WAIT).count());
  }

  @Test
  void waiterNamesTheRootHolderAndItsWrite() throws Exception {
    FakeLog log = new FakeLog("t", 0, logDir);
    int appendSite = Sites.register("append");
    CountDownLatch holding = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                lockAndRun(
                    log,
                    appendSite,
                    () -> {
                      long start =
                          recorder.fileOpStart(
                              Probe.WRITE, "/data/kafka/t-0/00000000000000000000.log", 100, -1);
                      holding.countDown();
                      sleep(60);
                      recorder.fileOpEnd(
                          Probe.WRITE, "/data/kafka/t-0/00000000000000000000.log", start, 100);
                    }),
            "holder");
    holder.start();
    holding.await();
    sleep(5);
    lockAndRun(log, appendSite, () -> {});
    holder.join();
    assertTrue(
        slow.events.contains("file 0 t-0 00000000000000000000.log underLock=true"),
        slow.events.toString());
    assertTrue(slow.events.contains("lock-hold t-0 site=append"), slow.events.toString());
    aggregator.drain();
    aggregator.completeIncidents(true);
    assertEquals(1, slowWaits.size(), slowWaits.toString());
    RootedWait w = slowWaits.get(0);
    assertSame(holder, w.rootHolder());
    assertSame(Thread.currentThread(), w.waiter());
    assertEquals(Probe.WRITE, w.rootOpKind());
    assertEquals("t-0/00000000000000000000.log", w.rootOpFile());
    assertEquals("append", w.site());
    assertEquals("append", w.rootHolderSite());
    assertTrue(w.rootHeldAtArrival());
    assertTrue(w.coveredNanos() >= 40_000_000L && w.coveredNanos() <= w.waitNanos(), w.toString());
    PartitionInterval p = find(aggregator.rollInterval(), "t-0");
    assertEquals(1, p.summary(Metric.LOCK_WAIT).count());
    assertTrue(
        p.summary(Metric.LOCK_WAIT).max() >= 40_000_000L, "waited for most of the 60 ms write");
    assertEquals(1, p.summary(Metric.WRITE).count());
  }

  @Test
  void aLogKeepsItsPartitionInItsAddedFieldUntilThePartitionIsReleased() {
    FakeLog log = new FakeLog("f", 0, logDir);
    lockAndRun(log, 0, () -> {});
    PartitionState first = assertInstanceOf(PartitionState.class, log.kafkaLatency$partition);
    assertEquals("f-0", first.name);
    lockAndRun(log, 0, () -> {});
    assertSame(first, log.kafkaLatency$partition, "found through the field, not stored again");
    aggregator.drain();
    assertEquals(2, find(aggregator.rollInterval(), "f-0").summary(Metric.LOCK_HOLD).count());

    partitions.release(List.of(first)); // idle for too long
    assertNull(log.kafkaLatency$partition, "the field lets the released state go");
    log.kafkaLatency$partition = first; // as a probe that read the field just before the release
    lockAndRun(log, 0, () -> {});
    assertNotSame(first, log.kafkaLatency$partition, "a released state is not used again");
    aggregator.drain();
    PartitionInterval again = find(aggregator.rollInterval(), "f-0");
    assertEquals(1, again.summary(Metric.LOCK_HOLD).count(), "counted on the registered state");
  }

  @Test
  void writesUnderALogLockAreChargedToTheFilesPartitionWhetherOrNotThePathWasLookedUp() {
    dirs.learn("/data/kafka");
    FakeLog log = new FakeLog("w", 0, logDir);
    String segment = new String("/data/kafka/w-0/00000000000000000000.log");
    String other = "/data/kafka/w-1/00000000000000000000.log";
    for (int i = 0; i < 3; i++) { // the first is looked up; the aggregator then knows the path
      lockAndRun(log, 0, () -> recorder.fileOpEnd(Probe.WRITE, segment, write(segment), 10));
      aggregator.drain();
    }
    PartitionState state = (PartitionState) log.kafkaLatency$partition;
    assertSame(segment, state.lastWritePath, "the instance the aggregator resolved");
    lockAndRun(log, 0, () -> recorder.fileOpEnd(Probe.WRITE, segment, write(segment), 10));
    List<Object> subjects = new ArrayList<>();
    current().ring.drain((subject, kind, value, extra) -> subjects.add(subject));
    assertTrue(subjects.contains(state), "pushed with its partition, no path to look up");
    lockAndRun(log, 0, () -> recorder.fileOpEnd(Probe.WRITE, other, write(other), 10));
    lockAndRun(
        log, 0, () -> recorder.fileOpEnd(Probe.WRITE, new String(segment), write(segment), 10));
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(4, find(s, "w-0").summary(Metric.WRITE).count(), "an equal path, not the same");
    assertEquals(1, find(s, "w-1").summary(Metric.WRITE).count(), "another file under the lock");

    String known = state.lastWritePath; // the equal copy, looked up last
    lockAndRun(log, 0, () -> recorder.fileOpEnd(Probe.WRITE, known, write(known), 10));
    partitions.release(List.of(state)); // raced by the write already in the ring
    aggregator.drain();
    assertEquals(
        1, find(aggregator.rollInterval(), "w-0").summary(Metric.WRITE).count(), "not lost");
  }

  private long write(String path) {
    return recorder.fileOpStart(Probe.WRITE, path, 10, -1) - 1_000;
  }

  @Test
  void reentryIsNotAWaitAndLoggerMonitorIsIgnored() {
    FakeLog log = new FakeLog("t", 0, logDir);
    lockAndRun(log, 0, () -> lockAndRun(log, 1, () -> {}));
    recorder.beforeLogLock(
        log,
        log,
        log.kafkaLatency$partition,
        2); // a monitor on the log itself is Scala's lazy logger
    recorder.logLockAcquired(log.kafkaLatency$partition);
    recorder.logLockReleasing(log.kafkaLatency$partition);
    recorder.logLockReleased(log.kafkaLatency$partition);
    aggregator.drain();
    PartitionInterval p = find(aggregator.rollInterval(), "t-0");
    assertEquals(1, p.summary(Metric.LOCK_HOLD).count());
    assertEquals(0, p.summary(Metric.LOCK_WAIT).count());
  }

  @Test
  void monitorsNestedInTheThreadsOwnHoldAreNotTimedAndLeaveItsStateAsItWas() {
    FakeLog log = new FakeLog("t", 0, logDir);
    lockAndRun(log, 0, () -> {}); // the first lookup stores the partition in the log's field
    Object state = log.kafkaLatency$partition;
    assertInstanceOf(PartitionState.class, state);
    // As maybeIncrementHighWatermark -> updateHighWatermarkMetadata ->
    // maybeIncrementFirstUnstableOffset, then a nested exit on scalac's path (logLockExited).
    lockAndRun(
        log,
        1,
        () -> {
          // counted on the partition, not on the thread's stack of monitors
          lockAndRun(log, 2, () -> lockAndRun(log, 3, () -> assertEquals(1, current().depth)));
          recorder.beforeLogLock(log.lock, log, state, 4);
          synchronized (log.lock) {
            recorder.logLockAcquired(state);
          }
          recorder.logLockExited(state);
        });
    lockAndRun(log, 0, () -> {}); // a leaked nesting count would make this outer hold look nested
    ThreadProbe t = current();
    assertEquals(0, t.depth);
    assertEquals(0, t.heldLocks);
    assertNull(((PartitionState) state).holder);
    aggregator.drain();
    PartitionInterval p = find(aggregator.rollInterval(), "t-0");
    assertEquals(3, p.summary(Metric.LOCK_HOLD).count()); // the three outer holds only
    assertEquals(0, p.summary(Metric.LOCK_WAIT).count());
  }

  @Test
  void aDeadThreadsAttemptIsNoLongerKeptByThePartitionsItLocked() throws Exception {
    FakeLog log = new FakeLog("t", 0, logDir);
    Thread handler = new Thread(() -> lockAndRun(log, 0, () -> lockAndRun(log, 1, () -> {})));
    handler.start();
    handler.join();
    PartitionState p = (PartitionState) log.kafkaLatency$partition;
    assertNotNull(p.recentAttempt);
    assertSame(handler, p.recentAttempt.thread);
    aggregator.drain(); // the dead thread's ring drains, then it is forgotten
    aggregator.drain();
    assertTrue(recorder.threads().stream().noneMatch(t -> t.thread == handler));
    assertNull(p.recentAttempt);
    lockAndRun(log, 0, () -> {}); // and this thread, finding no hint of its own, looks itself up
    assertSame(Thread.currentThread(), p.recentAttempt.thread);
    aggregator.drain();
    assertEquals(2, find(aggregator.rollInterval(), "t-0").summary(Metric.LOCK_HOLD).count());
  }

  private ThreadProbe current() {
    for (ThreadProbe t : recorder.threads()) {
      if (t.thread == Thread.currentThread()) {
        return t;
      }
    }
    throw new AssertionError("no probe for this thread");
  }

  @Test
  void filesOutsideLogDirsAreNotCounted() {
    dirs.learn("/data/kafka");
    long s1 = recorder.fileOpStart(Probe.WRITE, "/tmp/jfr/repository/chunk.jfr", 10, -1);
    recorder.fileOpEnd(Probe.WRITE, "/tmp/jfr/repository/chunk.jfr", s1, 10);
    long s2 =
        recorder.fileOpStart(Probe.TRANSFER_TO, "/data/kafka/t-3/00000000000000000000.log", 10, 0);
    recorder.fileOpEnd(Probe.TRANSFER_TO, "/data/kafka/t-3/00000000000000000000.log", s2, 10);
    long s3 =
        recorder.fileOpStart(Probe.FORCE, "/data/kafka/recovery-point-offset-checkpoint", 0, -1);
    recorder.fileOpEnd(Probe.FORCE, "/data/kafka/recovery-point-offset-checkpoint", s3, 0);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(0, s.brokerWide(Metric.WRITE).count());
    assertEquals(1, s.brokerWide(Metric.TRANSFER_TO).count());
    assertEquals(1, s.brokerWide(Metric.FORCE).count(), "log dir files count broker-wide");
    assertEquals(1, find(s, "t-3").summary(Metric.TRANSFER_TO).count());
    assertEquals(1, s.partitions().size());
  }

  @Test
  void nestedFileOpIsCountedOnce() {
    dirs.learn("/data/kafka");
    String f = "/data/kafka/t-0/00000000000000000000.log";
    long outer = recorder.fileOpStart(Probe.TRANSFER_TO, f, 10, 0);
    long inner = recorder.fileOpStart(Probe.READ, f, 10, 0);
    recorder.fileOpEnd(Probe.READ, f, inner, 10);
    recorder.fileOpEnd(Probe.TRANSFER_TO, f, outer, 10);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(1, s.brokerWide(Metric.TRANSFER_TO).count());
    assertEquals(0, s.brokerWide(Metric.READ).count());
  }

  @Test
  void idlePartitionsAreReleased() {
    FakeLog log = new FakeLog("t", 0, logDir);
    recorder.appendEnd(log, System.nanoTime(), null, false);
    aggregator.drain();
    assertEquals(1, aggregator.rollInterval().partitions().size());
    assertEquals(1, partitions.size());
    aggregator.rollInterval();
    aggregator.rollInterval();
    assertEquals(0, partitions.size(), "idle for 2 intervals");
    recorder.appendEnd(log, System.nanoTime(), null, false);
    aggregator.drain();
    assertNotNull(find(aggregator.rollInterval(), "t-0"), "seen again after release");
  }

  private static boolean allBlocked(List<Thread> threads, int n) {
    synchronized (threads) {
      return threads.size() == n
          && threads.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED);
    }
  }

  @Test
  void slowHoldWithWaitersIsACascadeRootedAtTheWriter() throws Exception {
    dirs.learn("/data/kafka");
    FakeLog log = new FakeLog("t", 2, logDir);
    String segment = "/data/kafka/t-2/00000000000000000000.log";
    CountDownLatch holding = new CountDownLatch(1);
    List<Thread> waiters = new ArrayList<>();
    Thread holder =
        new Thread(
            () ->
                lockAndRun(
                    log,
                    Sites.register("append"),
                    () -> {
                      long start = recorder.fileOpStart(Probe.WRITE, segment, 100, -1);
                      holding.countDown();
                      sleep(80);
                      // however late a loaded machine schedules the waiters, all three queue on the
                      // lock first
                      long deadline = System.nanoTime() + 10_000_000_000L;
                      while (!allBlocked(waiters, 3) && System.nanoTime() < deadline) {
                        sleep(5);
                      }
                      recorder.fileOpEnd(Probe.WRITE, segment, start, 100);
                    }),
            "stuck-writer");
    holder.start();
    holding.await();
    for (int i = 0; i < 3; i++) {
      Thread w =
          new Thread(
              () -> lockAndRun(log, Sites.register("append"), () -> sleep(2)), "waiter-" + i);
      synchronized (waiters) {
        waiters.add(w);
      }
      w.start();
    }
    holder.join();
    for (Thread w : waiters) {
      w.join();
    }
    aggregator.drain();
    aggregator.completeIncidents(true);
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(1, s.cascades().size(), s.cascades().toString());
    Cascade c = s.cascades().get(0);
    assertEquals("t-2", c.partitionName());
    assertSame(holder, c.holder());
    assertEquals("write", c.opLabel());
    assertEquals("t-2/00000000000000000000.log", c.opFile());
    assertEquals(3, c.waiters(), "waiters 2 and 3 count against the writer, not their predecessor");
    assertTrue(c.maxWaitNanos() >= 50_000_000L);
    assertTrue(c.holdNanos() >= 80_000_000L);
  }

  @Test
  void overlappingSlowWritesOnTwoPartitionsOfALogDirAreAStall() throws Exception {
    dirs.learn("/data/kafka");
    Thread[] writers = new Thread[3];
    CountDownLatch allInside = new CountDownLatch(writers.length);
    for (int i = 0; i < writers.length; i++) {
      String path = "/data/kafka/s-" + i + "/00000000000000000000.log";
      writers[i] =
          new Thread(
              () -> {
                long start = recorder.fileOpStart(Probe.WRITE, path, 10, -1);
                allInside.countDown();
                try {
                  allInside
                      .await(); // all three are stuck at once, however late a thread is scheduled
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
                sleep(60);
                recorder.fileOpEnd(Probe.WRITE, path, start, 10);
              },
              "writer-" + i);
      writers[i].start();
    }
    for (Thread w : writers) {
      w.join();
    }
    sleep(100);
    long start =
        recorder.fileOpStart(Probe.WRITE, "/data/kafka/s-9/00000000000000000000.log", 10, -1);
    sleep(20);
    recorder.fileOpEnd(Probe.WRITE, "/data/kafka/s-9/00000000000000000000.log", start, 10);
    aggregator.drain();
    aggregator.completeIncidents(true);
    List<Stall> stalls = aggregator.rollInterval().stalls();
    assertEquals(1, stalls.size(), stalls.toString());
    assertEquals(
        List.of("s-0", "s-1", "s-2"), stalls.get(0).partitions(), "s-9 came later: not part of it");
    assertEquals("/data/kafka", stalls.get(0).logDir());
  }

  @Test
  void slowWriteNamesAnotherThreadsOverlappingTransfer() throws Exception {
    dirs.learn("/data/kafka");
    String segment = "/data/kafka/x-0/00000000000000000000.log";
    CountDownLatch reading = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              long start = recorder.fileOpStart(Probe.TRANSFER_TO, segment, 8 << 20, 4096);
              reading.countDown();
              sleep(60);
              recorder.fileOpEnd(Probe.TRANSFER_TO, segment, start, 8 << 20);
            },
            "network-thread");
    reader.start();
    reading.await();
    long start = recorder.fileOpStart(Probe.WRITE, segment, 1000, -1);
    reader.join(); // the write "waits" for the transfer to finish, as on XFS
    recorder.fileOpEnd(Probe.WRITE, segment, start, 1000);
    IoOverlap o = slow.overlap;
    assertNotNull(o);
    assertSame(reader, o.thread());
    assertEquals(Probe.TRANSFER_TO, o.op());
    assertEquals(8 << 20, o.bytes());
    assertEquals(4096, o.position());
    assertTrue(o.overlapNanos() >= 40_000_000L);
  }

  /** Has the fields Kafka's request classes have, with the names the agent reads. */
  static final class FakeRequest {
    final long startTimeNanos;
    volatile long requestDequeueTimeNanos;
    volatile long apiLocalCompleteTimeNanos;
    volatile long responseCompleteTimeNanos;
    volatile long responseDequeueTimeNanos;
    volatile java.util.OptionalLong callbackRequestDequeueTimeNanos =
        java.util.OptionalLong.empty();
    volatile java.util.OptionalLong callbackRequestCompleteTimeNanos =
        java.util.OptionalLong.empty();

    FakeRequest(long start) {
      startTimeNanos = start;
    }
  }

  @Test
  void slowProduceRequestCarriesKafkasBreakdownAndItsAppendsLockWait() throws Exception {
    recorder.slowRequestNanos(20_000_000);
    dirs.learn("/data/kafka");
    FakeLog log = new FakeLog("p", 0, logDir);
    CountDownLatch holding = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                lockAndRun(
                    log,
                    0,
                    () -> {
                      holding.countDown();
                      sleep(40);
                    }));
    holder.start();
    holding.await();
    long t0 = System.nanoTime() - 10_000_000; // arrived 10 ms ago, queued until now
    FakeRequest request = new FakeRequest(t0);
    request.requestDequeueTimeNanos = System.nanoTime();
    recorder.produceRequestStart(request);
    long appendStart = System.nanoTime();
    lockAndRun(
        log,
        0,
        () -> {
          long w =
              recorder.fileOpStart(
                  Probe.WRITE, "/data/kafka/p-0/00000000000000000000.log", 512, -1);
          recorder.fileOpEnd(Probe.WRITE, "/data/kafka/p-0/00000000000000000000.log", w, 512);
        });
    recorder.appendEnd(log, appendStart, new FakeLog.AppendInfo(3, 512), false);
    recorder.produceRequestEnd();
    request.apiLocalCompleteTimeNanos = System.nanoTime();
    request.responseCompleteTimeNanos = request.apiLocalCompleteTimeNanos;
    request.responseDequeueTimeNanos = System.nanoTime();
    recorder.requestCompleted(request);
    holder.join();
    ProduceTrace r = slow.request;
    assertNotNull(r, "a 40 ms request over the 20 ms threshold is reported");
    assertEquals(List.of("p-0"), r.partitions());
    assertEquals(List.of(512L), r.partitionBytes());
    assertEquals(ProduceTrace.Cause.LOCK_WAIT, r.cause());
    assertTrue(r.lockWaitNanos() >= 25_000_000L, "waited for the holder: " + r.lockWaitNanos());
    assertTrue(r.queueNanos() >= 10_000_000L);
    assertEquals(
        r.totalNanos(),
        r.queueNanos()
            + r.localNanos()
            + r.remoteNanos()
            + r.responseQueueNanos()
            + r.responseSendNanos(),
        "the breakdown adds up to the total");
    recorder.requestCompleted(request);
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    assertEquals(1, s.brokerWide(Metric.PRODUCE_REQUEST).count(), "completed once, counted once");
    assertEquals(1L, s.slowRequests().get(ProduceTrace.Cause.LOCK_WAIT));
  }

  @Test
  void aFastProduceRequestIsTimedFromKafkasStartWithoutItsBreakdown() {
    recorder.slowRequestNanos(20_000_000);
    FakeRequest request = new FakeRequest(System.nanoTime() - 3_000_000); // received 3 ms ago
    recorder.produceRequestStart(request);
    recorder.produceRequestEnd();
    recorder.requestCompleted(request);
    assertNull(slow.request, "3 ms is under the 20 ms threshold");
    aggregator.drain();
    LatencySummary produce = aggregator.rollInterval().brokerWide(Metric.PRODUCE_REQUEST);
    assertEquals(1, produce.count());
    assertTrue(
        produce.max() >= 2_900_000 && produce.max() < 20_000_000,
        "from Kafka's start time: " + produce.max());
  }

  @Test
  void brokerWideFiguresAreTheSumOfThePartitions() {
    long[] micros = {3, 70, 70, 900, 15_000};
    for (int i = 0; i < micros.length; i++) {
      FakeLog log = new FakeLog("sum", i % 3, logDir);
      recorder.appendEnd(
          log, System.nanoTime() - micros[i] * 1_000, new FakeLog.AppendInfo(1, 10), false);
    }
    aggregator.drain();
    IntervalSnapshot s = aggregator.rollInterval();
    org.HdrHistogram.Histogram sum = SparseHistogram.newHistogram();
    for (PartitionInterval p : s.partitions()) {
      sum.add(p.histogram(Metric.APPEND));
    }
    assertEquals(3, s.partitions().size());
    assertEquals(sum, s.brokerHistogram(Metric.APPEND));
    assertEquals(5, s.brokerWide(Metric.APPEND).count());
  }

  @Test
  void theAggregatorTicksFasterOnlyWhileARingFillsFast() {
    FakeLog log = new FakeLog("tick", 0, logDir);
    recorder.appendEnd(log, System.nanoTime() - 1_000, new FakeLog.AppendInfo(1, 10), false);
    aggregator.drain();
    assertEquals(Aggregator.IDLE_DRAIN_MILLIS, aggregator.nextSleepMillis());
    for (int i = 0; i <= Aggregator.BUSY_RING_EVENTS; i++) {
      recorder.appendEnd(log, System.nanoTime() - 1_000, new FakeLog.AppendInfo(1, 10), false);
    }
    aggregator.drain();
    assertEquals(Aggregator.DRAIN_MILLIS, aggregator.nextSleepMillis());
    aggregator.drain();
    assertEquals(
        Aggregator.IDLE_DRAIN_MILLIS,
        aggregator.nextSleepMillis(),
        "an empty drain: back to the slow tick");
    assertEquals(
        Aggregator.BUSY_RING_EVENTS + 2,
        aggregator.rollInterval().brokerWide(Metric.APPEND).count());
  }

  @Test
  void otherRequestsAreIgnored() {
    recorder.requestCompleted(new FakeRequest(System.nanoTime()));
    aggregator.drain();
    assertEquals(0, aggregator.rollInterval().brokerWide(Metric.PRODUCE_REQUEST).count());
  }

  private static PartitionInterval find(IntervalSnapshot s, String name) {
    return s.partitions().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " not in "
                        + s.partitions().stream().map(PartitionInterval::name).toList()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSlowWriteInsideAnAppendNamesTheBatchItWrote() {
    dirs.learn("/data/kafka");
    FakeLog log = new FakeLog("t", 0, logDir);
    recorder.appendEnd(
        log, System.nanoTime(), new FakeLog.AppendInfo(1, 10, 41), false); // the hook works
    String segment = "/data/kafka/t-0/00000000000000000000.log";
    long appendStart = System.nanoTime();
    lockAndRun(
        log,
        0,
        () -> {
          long start = recorder.fileOpStart(Probe.WRITE, segment, 500, -1);
          sleep(10);
          recorder.fileOpEnd(Probe.WRITE, segment, start, 500);
        });
    assertTrue(
        slow.events.stream().noneMatch(e -> e.startsWith("file ")),
        "held back until the append returns");
    recorder.appendEnd(log, appendStart, new FakeLog.AppendInfo(5, 500, 42), false);
    assertTrue(
        slow.events.contains(
            "file 0 t-0 00000000000000000000.log underLock=true baseOffset=42 records=5"),
        slow.events.toString());
  }

  @Test
  void withoutAFirstOffsetTheBaseOffsetComesFromTheLastOne() {
    assertEquals(
        38,
        KafkaObjects.baseOffset(
            new Object() {
              public long numMessages() {
                return 5;
              }

              public long lastOffset() {
                return 42;
              }
            },
            5));
    assertEquals(-1, KafkaObjects.baseOffset(new Object(), 5), "neither: unknown");
  }
}
