package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How soon a running watch sees a cascade: twelve ext4 freezes of 2.5 s under a real 4.4.0 broker,
 * watched with {@code watch <pid> --jsonl} and {@code watch <repository> --jsonl} in turn, after
 * the watch has run a few seconds (the steady case; WatchScenarioTest freezes right after attach).
 * Each freeze must show up as a complete cascade and as incidents in progress; the time from the
 * thaw to the cascade and the lag of the in-progress updates are printed, not asserted (timing
 * goals are published figures).
 */
class WatchLatencyTest {
  private static final Pattern EVENT = Pattern.compile("\"event\":\"([A-Za-z]+)\"");
  private static final Pattern END = Pattern.compile("\"endTime\":\"([^\"]+)\"");
  private static final int FREEZES_PER_WATCH = 3;
  private static final long FREEZE_MILLIS = 2_500;

  @TempDir Path tmp;

  private record Arrival(String event, long endMillis, long seenMillis) {}

  @Test
  void everyFreezeReachesARunningWatchAsACascade() throws Exception {
    FaultGate.need(FaultSupport.ext4Freeze());
    Path jar = AgentJarTest.agentJar().toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path repository = tmp.resolve("jfr-repository");
    List<Long> pidLags = new ArrayList<>();
    List<Long> repositoryLags = new ArrayList<>();
    List<Long> progressLags = new ArrayList<>();
    try (LoopFileSystem fs = LoopFileSystem.ext4(MemoryBackedDir.under(tmp), 1L << 30)) {
      Path logDir = fs.mountPoint().resolve("logs");
      Files.createDirectories(logDir);
      KafkaBroker broker = WatchScenarioTest.recordingBroker(tmp, logDir, repository);
      try (broker) {
        Clients.createTopic(broker.bootstrapServers(), "frozen", 8);
        try (PinnedProducers load =
            PinnedProducers.start(broker.bootstrapServers(), "frozen", 8, 3, 10, 512)) {
          for (int round = 0; round < 4; round++) {
            boolean byPid = round % 2 == 0;
            String target = byPid ? String.valueOf(broker.pid()) : repository.toString();
            watch(java, jar, target, fs, byPid ? pidLags : repositoryLags, progressLags);
          }
          assertTrue(load.acknowledged() > 1000, "load ran: " + load.acknowledged());
        }
      }
    }
    System.out.printf(
        "watch latency, %d freezes of %.1f s each, Kafka 4.4.0, 2 vCPU: thaw -> complete cascade"
            + " on the watch's stdout: pid (JMX) %s; repository %s; in-progress updates, event"
            + " time -> stdout: %s%n",
        pidLags.size() + repositoryLags.size(),
        FREEZE_MILLIS / 1e3,
        summary(pidLags),
        summary(repositoryLags),
        summary(progressLags));
  }

  private void watch(
      String java,
      Path jar,
      String target,
      LoopFileSystem fs,
      List<Long> cascadeLags,
      List<Long> progressLags)
      throws Exception {
    Process p =
        new ProcessBuilder(java, "-jar", jar.toString(), "watch", target, "--jsonl")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> read(p, arrivals), "watch-stdout");
    reader.start();
    List<Long> thaws = new ArrayList<>();
    try {
      Thread.sleep(6_000); // the watch runs a while before the incident
      for (int i = 0; i < FREEZES_PER_WATCH; i++) {
        new ProcessBuilder("sync").start().waitFor();
        fs.freeze();
        try {
          Thread.sleep(FREEZE_MILLIS);
        } finally {
          fs.thaw();
        }
        thaws.add(System.currentTimeMillis());
        Thread.sleep(4_500);
      }
    } finally {
      p.destroy();
      p.waitFor();
      reader.join(5_000);
    }
    for (long thaw : thaws) {
      long first =
          arrivals.stream()
              .filter(a -> a.event.equals("LogLockCascade"))
              .filter(a -> Math.abs(a.endMillis - thaw) < 1_000) // the hold ended at the thaw
              .mapToLong(Arrival::seenMillis)
              .min()
              .orElse(-1);
      assertTrue(first > 0, target + ": no cascade for the freeze that ended at " + thaw);
      cascadeLags.add(first - thaw);
    }
    List<Arrival> progress =
        arrivals.stream().filter(a -> a.event.equals("IncidentInProgress")).toList();
    assertFalse(progress.isEmpty(), target + ": no incident in progress during the freezes");
    progress.forEach(a -> progressLags.add(a.seenMillis - a.endMillis));
  }

  private static void read(Process p, List<Arrival> arrivals) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        long seen = System.currentTimeMillis();
        Matcher e = EVENT.matcher(line);
        Matcher t = END.matcher(line);
        if (e.find() && t.find()) {
          arrivals.add(new Arrival(e.group(1), Instant.parse(t.group(1)).toEpochMilli(), seen));
        }
      }
    } catch (Exception e) {
      // the watch was stopped
    }
  }

  private static String summary(List<Long> millis) {
    List<Long> s = new ArrayList<>(millis);
    Collections.sort(s);
    if (s.isEmpty()) {
      return "none";
    }
    return String.format(
        "median %.2f s, max %.2f s (n=%d%s)",
        s.get(s.size() / 2) / 1e3,
        s.get(s.size() - 1) / 1e3,
        s.size(),
        s.size() <= 20 ? ", " + s + " ms" : ", min " + s.get(0) + " ms");
  }
}
