package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real threads inside the recorder's probes, parked where a frozen disk would park them: a holder
 * inside a write under the log lock, waiters arrived at the lock, writers on other partitions.
 * Polls pass a clock ahead of the probes' to stand in for the second of being stuck.
 */
class OngoingIncidentsTest {
  private static final long SECOND = 1_000_000_000L;
  private final File logDir = new File("/data/kafka");
  private final LogDirs dirs = new LogDirs();
  private final Partitions partitions = new Partitions(dirs);
  private final ProbeRecorder recorder =
      new ProbeRecorder(partitions, 5_000_000, 1_000_000, SlowOperationListener.NONE);
  private final List<OngoingIncident> updates = new ArrayList<>();
  private final OngoingIncidents ongoing =
      new OngoingIncidents(
          recorder,
          new OngoingIncidents.Listener() {
            @Override
            public boolean enabled() {
              return true;
            }

            @Override
            public void onUpdate(OngoingIncident incident) {
              updates.add(incident);
            }
          });
  private final List<Thread> started = new ArrayList<>();

  @Test
  void holderStuckInWriteWithWaitersIsACascadeInProgressUntilItReleases() throws Exception {
    dirs.learn(logDir.getPath());
    FakeLog log = new FakeLog("orders", 3, logDir);
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        start(
            "handler-0",
            () -> {
              recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
              synchronized (log.lock) {
                recorder.logLockAcquired(null);
                long t =
                    recorder.fileOpStart(
                        Probe.WRITE, logDir + "/orders-3/00000000000000000000.log", 512, 0);
                inWrite.countDown();
                await(release);
                recorder.fileOpEnd(
                    Probe.WRITE, logDir + "/orders-3/00000000000000000000.log", t, 512);
                recorder.logLockReleasing(null);
              }
              recorder.logLockReleased(null);
            });
    assertTrue(inWrite.await(5, TimeUnit.SECONDS));
    CountDownLatch arrived = new CountDownLatch(2);
    for (int i = 1; i <= 2; i++) {
      start(
          "handler-" + i,
          () -> {
            recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
            arrived.countDown();
            synchronized (log.lock) {
              recorder.logLockAcquired(null);
              recorder.logLockReleasing(null);
            }
            recorder.logLockReleased(null);
          });
    }
    assertTrue(arrived.await(5, TimeUnit.SECONDS));

    ongoing.poll(System.nanoTime());
    assertEquals(List.of(), updates, "not stuck for a second yet");
    ongoing.poll(System.nanoTime() + 2 * SECOND);
    assertEquals(1, updates.size(), updates.toString());
    OngoingIncident c = updates.get(0);
    assertEquals(OngoingIncident.Kind.CASCADE, c.kind());
    assertEquals(1, c.update());
    assertFalse(c.ended());
    assertEquals("orders", c.topic());
    assertEquals(3, c.partition());
    assertEquals(holder, c.holder());
    assertEquals("write", c.opLabel());
    assertEquals("orders-3/00000000000000000000.log", c.opFile());
    assertEquals(2, c.waiters());
    assertTrue(c.durationNanos() >= 2 * SECOND, "since the write started: " + c.durationNanos());

    ongoing.poll(System.nanoTime() + 2 * SECOND + OngoingIncidents.POLL_NANOS);
    assertEquals(1, updates.size(), "no update before a second has passed");
    ongoing.poll(System.nanoTime() + 3 * SECOND + OngoingIncidents.POLL_NANOS);
    assertEquals(2, updates.size());
    assertEquals(2, updates.get(1).update());

    release.countDown();
    joinAll();
    ongoing.poll(System.nanoTime() + 5 * SECOND);
    assertEquals(3, updates.size(), updates.toString());
    assertTrue(updates.get(2).ended(), "the last update says it ended");
    assertEquals(3, updates.get(2).update());
  }

  @Test
  void holderStuckWithoutWaitersIsNoCascade() throws Exception {
    dirs.learn(logDir.getPath());
    FakeLog log = new FakeLog("orders", 1, logDir);
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        "handler-0",
        () -> {
          recorder.beforeLogLock(log.lock, log, log.kafkaLatency$partition, 0);
          synchronized (log.lock) {
            recorder.logLockAcquired(null);
            long t = recorder.fileOpStart(Probe.WRITE, logDir + "/orders-1/0.log", 512, 0);
            inWrite.countDown();
            await(release);
            recorder.fileOpEnd(Probe.WRITE, logDir + "/orders-1/0.log", t, 512);
            recorder.logLockReleasing(null);
          }
          recorder.logLockReleased(null);
        });
    assertTrue(inWrite.await(5, TimeUnit.SECONDS));
    ongoing.poll(System.nanoTime() + 2 * SECOND);
    release.countDown();
    joinAll();
    assertEquals(List.of(), updates, "one slow write alone is neither a cascade nor a stall");
  }

  @Test
  void stuckWritesOnTwoPartitionsOfALogDirAreAStallInProgress() throws Exception {
    dirs.learn(logDir.getPath());
    CountDownLatch inWrite = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    for (String file : List.of("orders-1/0.log", "orders-2/0.log", "orders-2/0.index")) {
      start(
          "writer " + file,
          () -> {
            String path = logDir + "/" + file;
            long t =
                recorder.fileOpStart(
                    file.endsWith("index") ? Probe.FORCE : Probe.WRITE, path, 512, 0);
            inWrite.countDown();
            await(release);
            recorder.fileOpEnd(Probe.WRITE, path, t, 512);
          });
    }
    assertTrue(inWrite.await(5, TimeUnit.SECONDS));
    ongoing.poll(System.nanoTime() + 2 * SECOND);
    assertEquals(1, updates.size(), updates.toString());
    OngoingIncident s = updates.get(0);
    assertEquals(OngoingIncident.Kind.STALL, s.kind());
    assertEquals(logDir.getPath(), s.logDir());
    assertEquals(List.of("orders-1", "orders-2"), s.partitions());
    assertEquals(3, s.threads().size());
    release.countDown();
    joinAll();
    ongoing.poll(System.nanoTime() + 4 * SECOND);
    assertEquals(2, updates.size());
    assertTrue(updates.get(1).ended());
  }

  private Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    started.add(t);
    return t;
  }

  private void joinAll() throws InterruptedException {
    for (Thread t : started) {
      t.join(5_000);
      assertFalse(t.isAlive(), t.getName() + " did not finish");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
