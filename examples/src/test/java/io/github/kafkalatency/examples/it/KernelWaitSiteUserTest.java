package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel wait site of a write stuck in a frozen ext4, read by the agent from inside the JVM:
 * once as root (wchan and the top of the stack) and once with the JVM running as {@code nobody}
 * (wchan only: a process's own {@code /proc/self/task/<tid>/stack} needs root). The JVM is a plain
 * program appending to a partition's segment file through FileChannel, with the agent attached
 * exactly as on a broker; the harness's brokers run from the build user's Maven repository, which
 * another user cannot read, so this is where the non-root case is shown.
 */
class KernelWaitSiteUserTest {
  private static final String WRITER = String.join("\n",
      "import java.io.RandomAccessFile;",
      "import java.nio.ByteBuffer;",
      "import java.nio.channels.FileChannel;",
      "public class Writer {",
      "  public static void main(String[] a) throws Exception {",
      "    Thread t = new Thread(() -> {",
      "      try (FileChannel ch = new RandomAccessFile(a[0], \"rw\").getChannel()) {",
      "        long end = System.currentTimeMillis() + Long.parseLong(a[1]);",
      "        System.out.println(\"writing\");",
      "        while (System.currentTimeMillis() < end) {",
      "          ch.write(ByteBuffer.wrap(new byte[100]));",
      "          Thread.sleep(10);",
      "        }",
      "      } catch (Exception e) {",
      "        e.printStackTrace();",
      "      }",
      "    }, \"writer\");",
      "    t.start();",
      "    t.join();",
      "  }",
      "}", "");

  @Test
  void theWaitSiteIsReadAsRootWithItsStackAndAsAPlainUserWithoutIt(@TempDir Path tmp) throws Exception {
    Optional<String> why = FaultSupport.ext4Freeze();
    if (why.isPresent() && FaultSupport.requiredHere()) {
      fail("fault scenario cannot run in CI: " + why.get());
    }
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.get());
    Path agentJar = Path.of(System.getProperty("kla.agentJar"));
    // Outside the build user's home, so that nobody can read the agent and write its recording.
    Path run = Files.createTempDirectory(Path.of("/tmp"), "kla-user-");
    Path images = MemoryBackedDir.under(tmp);
    Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody reaches the mount
    try (LoopFileSystem fs = LoopFileSystem.ext4(images, 256L << 20)) {
      Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
      Path jar = Files.copy(agentJar, run.resolve("kafka-latency-agent.jar"));
      Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
      Files.writeString(run.resolve("Writer.java"), WRITER);
      Path logDir = fs.mountPoint().resolve("logs");
      chown(Files.createDirectories(logDir));
      chown(Files.createDirectories(logDir.resolve("t-0")));
      chown(Files.createDirectories(logDir.resolve("t-1")));

      String asRoot = stuckWrite(fs, run, jar, logDir, false);
      String asNobody = stuckWrite(fs, run, jar, logDir, true);
      System.out.println("kernel wait site as root:   " + asRoot);
      System.out.println("kernel wait site as nobody: " + asNobody);
      assertTrue(asRoot.startsWith("percpu_rwsem_wait < "), "root reads wchan and the stack: " + asRoot);
      assertEquals("percpu_rwsem_wait", asNobody, "a plain user reads wchan only");
    } finally {
      try (var files = Files.walk(run)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs the writer with the agent, freezes the file system for 300 ms, returns the slow write's kernel wait site. */
  private static String stuckWrite(LoopFileSystem fs, Path run, Path jar, Path logDir, boolean asNobody)
      throws Exception {
    Path jfr = run.resolve((asNobody ? "nobody" : "root") + ".jfr");
    List<String> cmd = new ArrayList<>();
    if (asNobody) {
      cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + jar + "=logDirs=" + logDir + ",thresholdMs=50,lockThresholdMs=50,intervalSeconds=1",
        "-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true,settings=default",
        run.resolve("Writer.java").toString(),
        logDir.resolve((asNobody ? "t-1" : "t-0") + "/00000000000000000000.log").toString(), "6000"));
    Process p = new ProcessBuilder(cmd).directory(run.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    CountDownLatch writing = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (output) {
            output.add(line);
          }
          if (line.equals("writing")) {
            writing.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    reader.start();
    try {
      assertTrue(writing.await(60, TimeUnit.SECONDS), "writer did not start: " + output);
      Thread.sleep(1_000);
      fs.freezeFor(java.time.Duration.ofMillis(300));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "writer did not end");
    } finally {
      if (fs.isFrozen()) {
        fs.thaw();
      }
      p.destroyForcibly();
      reader.join(5_000);
    }
    synchronized (output) {
      output.stream().filter(l -> l.contains("kafka-latency-agent") || l.contains("kernel wait"))
          .forEach(l -> System.out.println((asNobody ? "[nobody] " : "[root] ") + l));
    }
    List<RecordedEvent> writes = RecordingFile.readAllEvents(jfr).stream()
        .filter(e -> FreezeScenarioTest.isAgent(e, "LogFileOperation") && "write".equals(e.getString("operation")))
        .collect(Collectors.toList());
    writes.forEach(e -> System.out.println(FreezeScenarioTest.describe(e)));
    assertFalse(writes.isEmpty(), "no slow write reported");
    RecordedEvent longest = writes.stream().max(java.util.Comparator.comparing(RecordedEvent::getDuration)).get();
    assertTrue(longest.getDuration().toMillis() >= 200, FreezeScenarioTest.describe(longest));
    assertEquals("t", longest.getString("topic"));
    String site = longest.getString("kernelWaitSite");
    assertTrue(site != null && !site.isEmpty(), "no kernel wait site: " + FreezeScenarioTest.describe(longest));
    return site;
  }

  private static void chown(Path dir) throws Exception {
    Process p = new ProcessBuilder("chown", "65534:65534", dir.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
  }
}
