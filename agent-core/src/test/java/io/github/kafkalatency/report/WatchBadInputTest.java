package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} with each kind of bad target: one line on stderr and its exit code. The JVMs are
 * real child processes (one without the agent, one recording to a repository that then exits).
 */
class WatchBadInputTest {
  @TempDir Path dir;

  private Process child;

  @AfterEach
  void stopChild() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  record Run(int code, String out, String err) {}

  static Run watch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WatchCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badArguments() {
    Run none = watch();
    assertEquals(WatchUsage.USAGE, none.code());
    assertTrue(none.err().startsWith(WatchCommand.PREFIX + "which broker?"), none.err());
    assertEquals(WatchUsage.USAGE, watch("1", "2").code());
    assertEquals(WatchUsage.USAGE, watch("1", "--duration", "soon").code());
    assertEquals(WatchUsage.USAGE, watch("1", "--user", "admin").code());
    assertEquals(WatchUsage.USAGE, watch("1", "--colour").code());
    Run help = watch("--help");
    assertEquals(WatchUsage.OK, help.code());
    assertTrue(help.out().contains("exit codes:"), help.out());
  }

  @Test
  void noSuchProcess() {
    long pid = 4_000_000;
    while (ProcessHandle.of(pid).isPresent()) {
      pid++;
    }
    assertOneLine(watch(String.valueOf(pid)), WatchUsage.NO_TARGET, "no such process: " + pid);
  }

  @Test
  void processThatIsNotAJvm() throws IOException {
    child = new ProcessBuilder("sleep", "60").start();
    assertOneLine(
        watch(String.valueOf(child.pid())),
        WatchUsage.NO_TARGET,
        "pid " + child.pid() + " is not a JVM that this user can attach to");
    assertTrue(child.isAlive(), "checked without signalling it");
  }

  @Test
  void jvmWithoutTheAgent() throws Exception {
    child = javaChild("-Dwatch.test=plain");
    awaitAttachable(child.pid());
    assertOneLine(
        watch(String.valueOf(child.pid())),
        WatchUsage.NO_AGENT,
        "pid "
            + child.pid()
            + ": no kafkalatency event types: the agent is not attached to that JVM");
  }

  @Test
  void jmxRefused() {
    assertOneLine(
        watch("127.0.0.1:1"),
        WatchUsage.NO_TARGET,
        "JMX at 127.0.0.1:1: refused or unreachable (ConnectException");
  }

  @Test
  void directoriesWithoutALiveRecording() throws IOException {
    assertOneLine(watch(dir.toString()), WatchUsage.NO_TARGET, ": no JFR recording here");
    assertOneLine(
        watch(dir.resolve("nope").toString()),
        WatchUsage.NO_TARGET,
        "nope: no such directory, and not a pid, host:port or service:jmx: URL");
    long dead = 4_000_000;
    while (ProcessHandle.of(dead).isPresent()) {
      dead++;
    }
    Path old = Files.createDirectories(dir.resolve("2026_01_02_03_04_05_" + dead));
    Files.write(old.resolve("2026_01_02_03_04_05.jfr"), new byte[0]);
    assertOneLine(watch(dir.toString()), WatchUsage.GONE, "(pid " + dead + ") is not running");
  }

  @Test
  void brokerGoingAwayMidWatchEndsTheWatch() throws Exception {
    Path repository = dir.resolve("repository");
    Files.createDirectories(repository);
    child =
        javaChild("-XX:FlightRecorderOptions:repository=" + repository, "-XX:StartFlightRecording");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!hasChunk(repository) && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertTrue(hasChunk(repository), "the child JVM records");
    CompletableFuture<Run> watching =
        CompletableFuture.supplyAsync(() -> watch(repository.toString(), "--plain"));
    Thread.sleep(2_000);
    child.destroy();
    Run r = watching.get(30, TimeUnit.SECONDS);
    assertEquals(WatchUsage.GONE, r.code(), r.toString());
    assertTrue(
        r.err()
            .matches(
                "(?s)"
                    + java.util.regex.Pattern.quote(WatchCommand.PREFIX)
                    + "the broker \\(pid \\d+\\) exited; stopped\\R"),
        r.err());
    assertTrue(r.out().startsWith("watching pid " + child.pid()), r.out());
  }

  private static boolean hasChunk(Path repository) throws IOException {
    try (Stream<Path> s = Files.walk(repository)) {
      return s.anyMatch(p -> p.toString().endsWith(".jfr"));
    }
  }

  private Process javaChild(String... jvmArgs) throws IOException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Sleeper.class.getName()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.out").toFile())
        .start();
  }

  private static void awaitAttachable(long pid) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (com.sun.tools.attach.VirtualMachine.list().stream()
          .anyMatch(d -> d.id().equals(String.valueOf(pid)))) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private static void assertOneLine(Run r, int code, String text) {
    assertEquals(code, r.code(), r.toString());
    assertTrue(r.err().startsWith(WatchCommand.PREFIX) && r.err().contains(text), r.err());
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    assertEquals("", r.out());
  }

  /** The child JVM: does nothing for a minute. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(60_000);
    }
  }
}
