package io.github.kafkalatency.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The real recording the report tests read, and a way to run the command and see what it printed.
 *
 * <p>{@code ext4-freeze.jfr} is a broker's recording from {@code scripts/demo.sh --seconds 8}
 * (Kafka 4.4.0, agent with thresholdMs=50, lockThresholdMs=20, the log dir's ext4 frozen twice for
 * 300 ms), reduced to the agent's events with JDK 25's {@code jfr scrub --include-events
 * 'kafkalatency.*'} so that it is 340 KB instead of 2.2 MB. Nothing in it was written by a test.
 */
final class Fixture {
  /** What a run of {@code report} left: its exit code and both streams. */
  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private Fixture() {}

  static Path recording() {
    try {
      return Path.of(Fixture.class.getResource("ext4-freeze.jfr").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static AgentRecording read() throws UnreadableRecordingException {
    return RecordingReader.read(recording());
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ReportCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
