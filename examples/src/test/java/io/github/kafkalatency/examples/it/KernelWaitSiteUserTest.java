package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel wait site of a broker's append stuck in a frozen ext4, as the agent reads it from
 * inside the broker: once with the broker running as root (wchan and the top of the stack) and once
 * as {@code nobody}, as production brokers run (wchan only: even a process's own {@code
 * /proc/self/task/<tid>/stack} needs root). What the agent concludes must not depend on it.
 */
class KernelWaitSiteUserTest {
  private static final int NOBODY = 65534;
  private static final Duration FREEZE = Duration.ofMillis(500);

  @Test
  void aNonRootBrokerReadsWchanOnlyAndReachesTheSameVerdict(@TempDir Path tmp) throws Exception {
    FaultGate.need(FaultSupport.ext4Freeze());
    Path images = MemoryBackedDir.under(tmp);
    // only so that nobody can reach its log dir on the mount below; nothing in it is opened up
    Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (LoopFileSystem fs = LoopFileSystem.ext4(images, 512L << 20)) {
      Run root = stuckAppend(fs, "root", false);
      Run nobody = stuckAppend(fs, "nobody", true);
      System.out.println("kernel wait site as root:   " + root.site);
      System.out.println("kernel wait site as nobody: " + nobody.site);
      System.out.println("verdict as root:   " + root.verdict);
      System.out.println("verdict as nobody: " + nobody.verdict);
      assertTrue(
          root.site.startsWith("percpu_rwsem_wait < "),
          "root reads wchan and the stack: " + root.site);
      assertEquals("percpu_rwsem_wait", nobody.site, "a plain user reads wchan only");
      // A safepoint or GC pause that happens to overlap one of the two stalls is measured and
      // named after the cause; only the cause itself must not depend on root.
      assertEquals("the disk or file system", causeOf(root.verdict), "verdict as root");
      assertEquals(
          causeOf(root.verdict), causeOf(nobody.verdict), "the verdict does not depend on root");
    }
  }

  private static final class Run {
    String site;
    String verdict;
  }

  /**
   * A broker under load, one freeze; the longest slow write's wait site and the longest stall's
   * verdict.
   */
  private static Run stuckAppend(LoopFileSystem fs, String name, boolean asNobody)
      throws Exception {
    Path logDir = Files.createDirectories(fs.mountPoint().resolve("logs-" + name));
    KafkaBroker.Builder builder =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .logDir(logDir)
            .agentArgs("intervalSeconds=5,thresholdMs=50,lockThresholdMs=50")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default");
    if (asNobody) {
      builder.runAs(NOBODY, NOBODY);
    }
    Path jfr;
    List<String> agentLines;
    try (KafkaBroker broker = builder.start()) {
      assertEquals(asNobody ? NOBODY : 0, uidOf(broker.pid()), "the broker runs as " + name);
      Clients.createTopic(broker.bootstrapServers(), "w", 2);
      try (PinnedProducers load =
          PinnedProducers.start(broker.bootstrapServers(), "w", 2, 3, 2, 512)) {
        Thread.sleep(3_000);
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        fs.freezeFor(FREEZE);
        Thread.sleep(4_000);
        assertTrue(load.acknowledged() > 100, "load ran: " + load.acknowledged());
      }
      broker.stop();
      jfr = broker.workDir().resolve("recording.jfr");
      jfr = Files.copy(jfr, fs.mountPoint().getParent().resolve(name + ".jfr"));
      agentLines =
          broker
              .output()
              .lines()
              .filter(l -> l.contains("kafka.latency.agent"))
              .collect(Collectors.toList());
    }
    agentLines.stream()
        .filter(l -> l.contains("stall") || l.contains("kernel wait"))
        .forEach(l -> System.out.println("[" + name + "] " + l));
    // A broker user that cannot read something must not make the agent complain or fail.
    List<String> complaints =
        agentLines.stream()
            .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
            .collect(Collectors.toList());
    assertEquals(List.of(), complaints, "agent warnings as " + name);

    List<RecordedEvent> all = RecordingFile.readAllEvents(jfr);
    RecordedEvent write =
        all.stream()
            .filter(
                e ->
                    FreezeScenarioTest.isAgent(e, "LogFileOperation")
                        && "write".equals(e.getString("operation")))
            .max(Comparator.comparing(RecordedEvent::getDuration))
            .orElseThrow(() -> new AssertionError("no slow write"));
    System.out.println("[" + name + "] " + FreezeScenarioTest.describe(write));
    assertTrue(
        write.getDuration().toMillis() >= FREEZE.toMillis() / 2,
        FreezeScenarioTest.describe(write));
    assertEquals("w", write.getString("topic"));
    RecordedEvent stall =
        all.stream()
            .filter(e -> FreezeScenarioTest.isAgent(e, "LogDirStall"))
            .max(Comparator.comparing(RecordedEvent::getDuration))
            .orElseThrow(() -> new AssertionError("no stall"));
    System.out.println("[" + name + "] " + FreezeScenarioTest.describe(stall));
    Run run = new Run();
    run.site = write.getString("kernelWaitSite");
    run.verdict = stall.getString("verdict");
    assertFalse(
        run.site == null || run.site.isEmpty(),
        "no kernel wait site: " + FreezeScenarioTest.describe(write));
    String stallSite = String.valueOf(stall.getString("kernelWaitSite"));
    assertEquals(
        run.site.split(" ")[0], stallSite.split(" ")[0], "the stall carries a write's wait site");
    return run;
  }

  private static String causeOf(String verdict) {
    return verdict.split(", of which ", 2)[0];
  }

  private static int uidOf(long pid) throws Exception {
    return (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid");
  }
}
