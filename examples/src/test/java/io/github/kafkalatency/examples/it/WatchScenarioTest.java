package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} against a real broker with the agent, during real 4 s ext4 freezes of its log dir:
 * run in tmux ({@code watch <pid>}, then {@code watch <repository>}), the cascade must be on screen
 * as IN PROGRESS before the freeze ends and as CASCADE within 3 s after; piped ({@code --jsonl}
 * into jq), the same two events must come through the parser in time. Last, the broker stops under
 * a watch, which must say so and exit 6. Timings are printed for the record.
 */
class WatchScenarioTest {
  private static final int PARTITIONS = 8;
  private static final Duration FREEZE = Duration.ofSeconds(4);

  @Test
  void cascadeShowsWhileTheFreezeLastsAndWithin3sOfItsEnd(@TempDir Path tmp) throws Exception {
    FaultGate.need(
        FaultSupport.ext4Freeze()
            .or(() -> Tmux.available() ? Optional.empty() : Optional.of("tmux is not installed")));
    Path jar = AgentJarTest.agentJar().toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path repository = tmp.resolve("jfr-repository");
    try (LoopFileSystem fs = LoopFileSystem.ext4(MemoryBackedDir.under(tmp), 1L << 30)) {
      Path logDir = fs.mountPoint().resolve("logs");
      Files.createDirectories(logDir);
      KafkaBroker broker = recordingBroker(tmp, logDir, repository);
      try (broker) {
        Clients.createTopic(broker.bootstrapServers(), "frozen", PARTITIONS);
        try (PinnedProducers load =
            PinnedProducers.start(broker.bootstrapServers(), "frozen", PARTITIONS, 3, 10, 512)) {
          Thread.sleep(3_000);
          String watch = java + " -jar " + jar + " watch ";
          onScreen("pid", watch + broker.pid(), fs);
          onScreen("repository", watch + repository, fs);
          jsonl(watch + broker.pid() + " --jsonl", fs);
          assertTrue(load.acknowledged() > 1000, "load ran: " + load.acknowledged());
        }
        brokerGoesAway(java, jar, broker);
      }
    }
  }

  /**
   * A 4.4.0 broker on {@code logDir} with the agent (100 ms thresholds, 5 s intervals) recording
   * into {@code tmp/recording}, its JFR repository at {@code repository}: what a watch attaches to
   * by pid or reads as a directory.
   */
  static KafkaBroker recordingBroker(Path tmp, Path logDir, Path repository) throws Exception {
    Files.createDirectories(repository);
    Files.createDirectories(tmp.resolve("recording"));
    return KafkaBroker.builder()
        .kafkaVersion("4.4.0")
        .logDir(logDir)
        .serverProperty("num.io.threads", "24")
        .agentArgs(
            "intervalSeconds=5,thresholdMs=100,lockThresholdMs=100,recording="
                + tmp.resolve("recording"))
        .jvmArg("-XX:FlightRecorderOptions:repository=" + repository)
        .start();
  }

  /** tmux, a person's terminal: the cascade in progress during the freeze, then complete. */
  private static void onScreen(String what, String command, LoopFileSystem fs) throws Exception {
    try (Tmux tmux = Tmux.start("kla-watch", 400, 50)) {
      tmux.send(command + "; echo watch-exit=$?", "Enter");
      String ready = tmux.await(s -> s.contains("events/s"), Duration.ofSeconds(30));
      assertNotNull(ready, what + ": the watch never showed its header: " + tmux.screen());
      Thread.sleep(2_000);
      String before = tmux.screen();
      sync();
      fs.freeze();
      long frozen = System.nanoTime();
      String during;
      long shownAt;
      try {
        during = tmux.await(s -> newLine(before, s, "IN PROGRESS", "cascade frozen-"), FREEZE);
        shownAt = System.nanoTime();
        long left = FREEZE.toNanos() - (System.nanoTime() - frozen);
        if (left > 0) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
      } finally {
        fs.thaw();
      }
      long thawed = System.nanoTime();
      assertNotNull(
          during,
          what
              + ": no cascade in progress on screen during the "
              + FREEZE.toSeconds()
              + " s freeze:\n"
              + tmux.screen());
      String after =
          tmux.await(
              s ->
                  newLine(before, s, "CASCADE", "frozen-")
                      && s.lines()
                          .anyMatch(
                              l -> l.matches(".*CASCADE +frozen-\\d+ held \\d+\\.\\ds by .*")),
              Duration.ofSeconds(12));
      long doneAt = System.nanoTime();
      assertNotNull(
          after,
          what + ": no complete cascade on screen within 12 s of the thaw:\n" + tmux.screen());
      // the freeze's remedy, from the agent's hint field: what the operator came to the screen for
      assertTrue(
          after
              .lines()
              .anyMatch(
                  l -> l.matches(".*CASCADE +frozen-.*(-> |hint: ).*froze the file system.*")),
          what + ": the cascade shows no remedy hint:\n" + after);
      // The 3 s goal is a timing goal: printed below and published, not asserted (a timed test
      // fails on a busy machine without telling anything new); the 12 s wait above is the bound.
      System.out.println(what + " header: " + ready.lines().findFirst().orElse(""));
      System.out.printf(
          "watch %s: in progress on screen at t+%.1f s of a %d s freeze; complete cascade %.1f s"
              + " after the thaw%n--- screen during the freeze ---%n%s%n--- screen after ---%n%s%n",
          what,
          (shownAt - frozen) / 1e9,
          FREEZE.toSeconds(),
          (doneAt - thawed) / 1e9,
          during.stripTrailing(),
          after.stripTrailing());
      tmux.send("C-c");
      String stopped = tmux.await(s -> s.contains("watch-exit="), Duration.ofSeconds(10));
      assertNotNull(stopped, what + ": Ctrl-C did not stop the watch");
      Thread.sleep(1_500); // the incident's stragglers settle before the next freeze
    }
  }

  /** A machine's consumer: --jsonl through jq, which fails on the first line that is not JSON. */
  private static void jsonl(String command, LoopFileSystem fs) throws Exception {
    String filter =
        "select(.event == \"IncidentInProgress\" or .event == \"LogLockCascade\") | [.event, (.kind"
            + " // \"-\"), (.ended // false), .topic, .partition, .waiters, .operation, (.hint //"
            + " \"-\")] | @tsv";
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "set -o pipefail; "
                    + command
                    + " --duration 25 | jq --unbuffered -r '"
                    + filter
                    + "'")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  times.add(System.nanoTime());
                  lines.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.start();
    Thread.sleep(8_000); // connected and streaming
    int before = lines.size();
    sync();
    fs.freeze();
    long frozen = System.nanoTime();
    try {
      Thread.sleep(FREEZE.toMillis());
    } finally {
      fs.thaw();
    }
    long thawed = System.nanoTime();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "--duration 25 did not stop the watch");
    reader.join(5_000);
    assertEquals(0, p.exitValue(), "watch --jsonl | jq: every line parsed; got " + lines);
    Long inProgress = null;
    Long cascade = null;
    for (int i = before; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      if (inProgress == null
          && f[0].equals("IncidentInProgress")
          && f[1].equals("cascade")
          && f[2].equals("false")
          && f[3].equals("frozen")
          && times.get(i) > frozen) {
        inProgress = times.get(i);
      }
      if (cascade == null
          && f[0].equals("LogLockCascade")
          && f[3].equals("frozen")
          && times.get(i) > thawed) {
        cascade = times.get(i);
        assertTrue(
            f[7].contains("froze the file system"), "the cascade's hint field: " + lines.get(i));
      }
    }
    assertNotNull(inProgress, "no IncidentInProgress cascade from jq: " + lines);
    assertTrue(inProgress < thawed, "in progress came only after the thaw");
    assertNotNull(cascade, "no LogLockCascade after the thaw: " + lines);
    System.out.printf(
        "watch --jsonl | jq: in progress at t+%.1f s of a %d s freeze, cascade %.1f s after the"
            + " thaw; %d lines, e.g.%n%s%n",
        (inProgress - frozen) / 1e9,
        FREEZE.toSeconds(),
        (cascade - thawed) / 1e9,
        lines.size(),
        String.join("\n", lines.subList(before, Math.min(lines.size(), before + 12))));
  }

  /** The broker stops under a watch: one line saying so, exit 6. */
  private static void brokerGoesAway(String java, Path jar, KafkaBroker broker) throws Exception {
    Process watch =
        new ProcessBuilder(
                java, "-jar", jar.toString(), "watch", String.valueOf(broker.pid()), "--plain")
            .redirectErrorStream(true)
            .start();
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                out.append(
                    new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                // ended
              }
            });
    reader.start();
    Thread.sleep(6_000);
    broker.stop();
    assertTrue(watch.waitFor(30, TimeUnit.SECONDS), "watch did not end after the broker stopped");
    reader.join(5_000);
    assertEquals(6, watch.exitValue(), out.toString());
    assertTrue(
        out.toString().contains("exited; stopped")
            || out.toString().contains("lost the JMX connection"),
        out.toString());
    System.out.println(
        "broker stopped under watch: exit 6, "
            + out.toString()
                .lines()
                .filter(l -> l.startsWith("kafka-latency-agent watch:"))
                .findFirst()
                .orElse(""));
  }

  /** A line with both words that was not on the screen before. */
  private static boolean newLine(String before, String screen, String label, String what) {
    return screen
        .lines()
        .anyMatch(l -> l.contains(label) && l.contains(what) && !before.contains(l));
  }

  private static void sync() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }
}
