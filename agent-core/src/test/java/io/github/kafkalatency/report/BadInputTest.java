package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gives one clear line on stderr and its documented exit code, never a stack trace.
 */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void textFileIsNotARecording() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.jfr"), "not a recording\n");
    assertOneLine(
        Fixture.run(f.toString()),
        Usage.UNREADABLE,
        "notes.jfr: not a JFR recording (it does not start with the bytes FLR)");
  }

  @Test
  void emptyFileIsNotARecording() throws IOException {
    Path f = Files.createFile(dir.resolve("empty.jfr"));
    assertOneLine(
        Fixture.run(f.toString()),
        Usage.UNREADABLE,
        "empty.jfr: not a JFR recording (the file is empty)");
  }

  @Test
  void missingFileAndDirectory() {
    assertOneLine(
        Fixture.run(dir.resolve("nope.jfr").toString()),
        Usage.UNREADABLE,
        "nope.jfr: no such file");
    assertOneLine(
        Fixture.run(dir.toString()),
        Usage.UNREADABLE,
        "a directory with no JFR recording (.jfr) in it");
  }

  @Test
  void recordingCutInsideItsFirstChunkIsUnreadable() throws IOException {
    Path f = truncated(20_000);
    assertOneLine(
        Fixture.run(f.toString()),
        Usage.UNREADABLE,
        "cut.jfr: a JFR recording, but truncated: cut at byte 20000, inside chunk 1 (bytes 0 to"
            + " 105401); nothing before it could be read");
  }

  @Test
  void recordingCutInItsLastChunkIsReportedUpToTheCut() throws IOException {
    // the fixture has 3 chunks; the cut falls inside the third, as kill -9 leaves the last one
    Path f = truncated(300_000);
    Fixture.Run run = Fixture.run(f.toString(), "--zone", "UTC");
    assertOneLine(
        run,
        Usage.TRUNCATED,
        "cut.jfr: truncated: cut at byte 300000, inside chunk 3 (bytes 241813 to 347264)");
    assertTrue(run.err().contains("the report covers 2026-11-25 04:26:18.888 to "), run.err());
    assertTrue(run.out().contains("; truncated: cut at byte 300000"), run.out());
    assertTrue(run.out().contains("stuck partitions: __cluster_metadata-0, demo-0"), run.out());
  }

  @Test
  void recordingWithoutAgentEvents() throws IOException {
    Path f = dir.resolve("plain.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(10));
      r.start();
      sleep(50);
      r.stop();
      r.dump(f);
    }
    assertOneLine(
        Fixture.run(f.toString()),
        Usage.NO_AGENT_EVENTS,
        "plain.jfr: no kafkalatency events: was the agent attached");
  }

  @Test
  void damagedRecordingIsUnreadable() throws IOException {
    byte[] bytes = Files.readAllBytes(Fixture.recording());
    for (int i = 70; i < 4_000; i += 7) {
      bytes[i] = (byte) (bytes[i] ^ 0x5a);
    }
    Path f = Files.write(dir.resolve("damaged.jfr"), bytes);
    Fixture.Run run = Fixture.run(f.toString());
    assertTrue(
        run.code() == Usage.UNREADABLE || run.code() == Usage.TRUNCATED,
        run.code() + " " + run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertNoStackTrace(run);
  }

  private Path truncated(int bytes) throws IOException {
    byte[] all = Files.readAllBytes(Fixture.recording());
    return Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(all, bytes));
  }

  static void assertOneLine(Fixture.Run run, int code, String contains) {
    assertEquals(code, run.code(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("kafka-latency-agent report: "), run.err());
    assertTrue(run.err().contains(contains), run.err());
    assertNoStackTrace(run);
  }

  static void assertNoStackTrace(Fixture.Run run) {
    assertFalse(run.err().contains("\tat ") || run.out().contains("\tat "), run.err());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
