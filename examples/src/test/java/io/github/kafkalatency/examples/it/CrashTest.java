package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker killed with kill -9: the agent's .hlog is readable up to the last interval it wrote; its
 * own recording, never dumped, is reported as unreadable with one line and an exit code, while the
 * JFR repository the agent named at start holds the events, which the report reads (a chunk cut by
 * the kill is reported as truncated, never as a stack trace).
 */
class CrashTest {
  private static final Pattern REPOSITORY = Pattern.compile("data is in JFR's repository (\\S+)");

  @Test
  void afterKillNineTheAgentsFilesAreReadableOrClearlyTruncated(@TempDir Path tmp)
      throws Exception {
    Path recordings = Files.createDirectories(tmp.resolve("jfr"));
    Path hlogs = Files.createDirectories(tmp.resolve("hlog"));
    String repository;
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .agentArgs("intervalSeconds=2,recording=" + recordings + ",hlog=" + hlogs)
            .start()) {
      Clients.createTopic(broker.bootstrapServers(), "crash", 2);
      BrokerSafetyTestSupport.produce(broker.bootstrapServers(), "crash", 2_000);
      broker.awaitOutput(Pattern.compile("summary - interval 2s: append"), Duration.ofSeconds(15));
      Thread.sleep(4_500);
      Matcher m = REPOSITORY.matcher(broker.output());
      assertTrue(m.find(), "the agent names JFR's repository at start");
      repository = m.group(1);
      assertEquals(137, broker.kill9());
    }
    // .hlog: every complete interval reads back.
    Path hlog = hlogs.resolve("kafka-latency.hlog");
    int intervals = 0;
    try (FileInputStream in = new FileInputStream(hlog.toFile())) {
      HistogramLogReader reader = new HistogramLogReader(in);
      for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
        intervals++;
      }
    }
    assertTrue(intervals >= 2, "intervals read back from the .hlog: " + intervals);

    // The agent's own recording was never dumped: one line, exit 3, no stack trace.
    List<Path> own;
    try (var files = Files.list(recordings)) {
      own = files.collect(Collectors.toList());
    }
    for (Path f : own) {
      Report r = report(f);
      assertEquals(3, r.exit, r.output);
      assertEquals(1, r.output.strip().lines().count(), r.output);
    }

    // The repository's chunks hold the events; the last one may be cut by the kill.
    List<Path> chunks;
    try (var files = Files.walk(Path.of(repository))) {
      chunks =
          files.filter(p -> p.toString().endsWith(".jfr")).sorted().collect(Collectors.toList());
    }
    assertFalse(chunks.isEmpty(), "no chunk in " + repository);
    boolean agentEvents = false;
    for (Path chunk : chunks) {
      Report r = report(chunk);
      assertTrue(List.of(0, 4, 5).contains(r.exit), chunk + ": " + r.output);
      assertFalse(r.output.contains("\tat "), "no stack trace: " + r.output);
      agentEvents |= r.exit == 0 || (r.exit == 4 && r.output.contains("found:"));
      System.out.println(
          chunk.getFileName()
              + ": exit "
              + r.exit
              + ", "
              + r.output
                  .lines()
                  .filter(l -> l.startsWith("found:") || l.contains("truncated"))
                  .collect(Collectors.joining(" | ")));
    }
    assertTrue(agentEvents, "the agent's events are in the repository after the crash");
  }

  private record Report(int exit, String output) {}

  private static Report report(Path file) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AgentJarTest.agentJar().toAbsolutePath().toString(),
                "report",
                file.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Report(p.waitFor(), out);
  }
}
