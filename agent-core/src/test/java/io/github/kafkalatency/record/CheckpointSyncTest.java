package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.probe.ProbeSink;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written as Kafka writes it (a {@code FileOutputStream}, then {@code getFD().sync()})
 * and synced through {@link Probe#syncFileDescriptor}, the call the agent puts in place of Kafka's:
 * the sync really happens, it is named by its file, and under the log lock it counts as a force of
 * that partition made while holding it.
 */
class CheckpointSyncTest {
  @TempDir Path logDir;

  @Test
  void aCheckpointSyncIsAForceOfItsFileByTheLockHolder() throws Exception {
    assertTrue(
        FileDescriptorPaths.readable(), "java.io opened to the agent (surefire's argLine here)");
    LogDirs dirs = new LogDirs();
    dirs.learn(logDir.toString());
    List<String> slow = new ArrayList<>();
    // NONE but for file operations: only those matter here.
    SlowOperationListener fileOps =
        (SlowOperationListener)
            Proxy.newProxyInstance(
                SlowOperationListener.class.getClassLoader(),
                new Class<?>[] {SlowOperationListener.class},
                (proxy, method, a) -> {
                  if (!method.getName().equals("slowFileOp")) {
                    return method.invoke(SlowOperationListener.NONE, a);
                  }
                  slow.add("file " + a[3] + " " + a[0] + " " + a[2] + " underLock=" + a[7]);
                  return null;
                });
    ProbeRecorder recorder = new ProbeRecorder(new Partitions(dirs), 0, 0, fileOps);
    Aggregator aggregator = new Aggregator(recorder, 60_000, 2, List.of());
    FakeLog log = new FakeLog("t", 0, logDir.toFile());
    Path checkpoint =
        Files.createDirectories(logDir.resolve("t-0")).resolve("leader-epoch-checkpoint.tmp");
    Probe.install(recorder);
    try {
      recorder.beforeLogLock(
          log.lock, log, log.kafkaLatency$partition, Sites.register("truncateTo"));
      synchronized (log.lock) {
        recorder.logLockAcquired(null);
        try (FileOutputStream out = new FileOutputStream(checkpoint.toFile());
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
          w.write("0\n1\n0 0\n");
          w.flush();
          assertEquals(checkpoint.toString(), FileDescriptorPaths.pathOf(out.getFD()));
          Probe.syncFileDescriptor(out.getFD());
        }
        recorder.logLockReleasing(null);
      }
      recorder.logLockReleased(null);
    } finally {
      Probe.uninstall();
    }
    assertEquals("0\n1\n0 0\n", Files.readString(checkpoint));
    assertEquals(
        List.of("file " + Probe.FORCE + " t-0 leader-epoch-checkpoint.tmp underLock=true"), slow);
    aggregator.drain();
    PartitionInterval p =
        aggregator.rollInterval().partitions().stream()
            .filter(i -> i.name().equals("t-0"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, p.summary(Metric.FORCE).count());
    assertEquals(1, p.summary(Metric.LOCK_HOLD).count());
  }

  @Test
  void aDescriptorWithoutAStreamHasNoPathAndStillSyncs() throws Exception {
    Path file = logDir.resolve("x");
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      raf.write(1);
      assertEquals(null, FileDescriptorPaths.pathOf(raf.getFD()));
      Probe.syncFileDescriptor(raf.getFD()); // no sink installed: a plain sync
    }
    assertEquals(null, FileDescriptorPaths.pathOf(null));
    assertTrue(ProbeSink.class.isInterface());
  }
}
