package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text report of a real ext4-freeze recording names what an operator needs to act on. */
class FreezeRecordingReportTest {
  private final Fixture.Run run =
      Fixture.run(Fixture.recording().toString(), "--zone", "UTC", "--top", "30");
  private final List<String> lines = run.out().lines().toList();

  @Test
  void printsWithoutComplaint() {
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    assertTrue(lines.get(0).startsWith("kafka-latency-agent report: "), lines.get(0));
    assertTrue(
        lines.get(1).startsWith("recording: 2026-11-25 04:26:18.888 to 04:26:39.448 UTC"),
        lines.get(1));
    assertTrue(run.out().contains("found:     21 cascades, 2 stalls, 63 lock waits"), run.out());
  }

  @Test
  void namesTheFrozenPartitionsAndStuckThreads() {
    List<String> stuck =
        lines.stream().filter(l -> l.trim().startsWith("stuck partitions:")).toList();
    assertEquals(2, stuck.size(), run.out());
    for (String l : stuck) {
      assertTrue(
          l.endsWith(
              "__cluster_metadata-0, demo-0, demo-1, demo-2, demo-3, demo-4, demo-5, demo-6,"
                  + " demo-7"),
          l);
    }
    // long lists wrap under their label
    int threads =
        lines.indexOf(
            "      stuck threads:    data-plane-kafka-request-handler-1,"
                + " data-plane-kafka-request-handler-13,");
    assertTrue(threads > 0, run.out());
    assertEquals(
        "                        data-plane-kafka-request-handler-8,"
            + " data-plane-kafka-request-handler-9, kafka-1-raft-io-thread",
        lines.get(threads + 3));
  }

  @Test
  void namesTheHolderItsWriteAndItsWaiters() {
    int holder =
        indexOf(
            Pattern.compile(
                "04:26:29\\.906\\s+demo-5\\s+holder\\s+data-plane-kafka-request-handler-12\\s+append\\s+365ms\\s+write\\s+365ms\\s+demo-5/00000000000000000000\\.log\\s+2"
                    + " waiters, max 363ms, total 724ms"));
    assertTrue(
        lines
            .get(holder + 1)
            .matches(
                "\\s+04:26:29\\.911\\s+waiter\\s+data-plane-kafka-request-handler-0\\s+append\\s+363ms"),
        lines.get(holder + 1));
    assertTrue(
        lines
            .get(holder + 2)
            .matches(
                "\\s+04:26:29\\.912\\s+waiter\\s+data-plane-kafka-request-handler-5\\s+append\\s+361ms"),
        lines.get(holder + 2));
  }

  @Test
  void saysWhenWaitsWereTooShortToBeRecorded() {
    // demo-1's 123 ms hold had 2 waiters, each under the 20 ms lockThresholdMs of the demo
    int holder =
        indexOf(
            Pattern.compile(
                "04:26:25\\.142\\s+demo-1\\s+holder\\s+data-plane-kafka-request-handler-2\\s.*"));
    assertTrue(
        lines
            .get(holder + 1)
            .matches(
                "\\s+waiter\\s+\\+2 more\\s+waits below lockThresholdMs: "
                    + "data-plane-kafka-request-handler-20, data-plane-kafka-request-handler-7"),
        lines.get(holder + 1));
  }

  @Test
  void listsTheSlowestWritesAndFsyncs() {
    int writes = indexOf(Pattern.compile("Slowest writes \\(17, slowest first\\)"));
    assertTrue(
        lines
            .get(writes + 2)
            .matches(
                "\\s+04:26:26\\.490\\s+380ms\\s+demo-6\\s+demo-6/00000000000000000000\\.log"
                    + "\\s+1\\.1KB\\s+data-plane-kafka-request-handler-18\\s+under log lock"),
        lines.get(writes + 2));
    int fsyncs = indexOf(Pattern.compile("Slowest fsyncs \\(force\\) \\(13, slowest first\\)"));
    assertTrue(
        lines
            .get(fsyncs + 2)
            .matches(
                "\\s+04:26:30\\.836\\s+1\\.9s\\s+__cluster_metadata-0\\s+.*kafka-1-raft-io-thread"),
        lines.get(fsyncs + 2));
    assertTrue(lines.contains("Slow transferTo (sendfile), reads: none"), run.out());
  }

  @Test
  void saysTheRecordingHasNoProduceRequestEvents() {
    assertTrue(
        lines.contains(
            "Slowest produce requests: not in this recording (no kafkalatency.ProduceRequest"
                + " events: the agent that made it does not record them)"),
        run.out());
  }

  @Test
  void percentilesSayHowP99WasObtained() {
    int header =
        indexOf(
            Pattern.compile(
                "Per-partition latency .*p99 = the highest interval p99, an upper bound\\)"));
    assertTrue(
        lines
            .get(header + 1)
            .matches("\\s+partition\\s+metric\\s+intervals\\s+count\\s+p99\\s+max"),
        lines.get(header + 1));
    assertTrue(
        lines.get(header + 2).matches("\\s+broker-wide\\s+append\\s+5\\s+10428\\s+50ms\\s+402ms"),
        lines.get(header + 2));
  }

  private int indexOf(Pattern p) {
    for (int i = 0; i < lines.size(); i++) {
      if (p.matcher(lines.get(i).trim()).matches()) {
        return i;
      }
    }
    throw new AssertionError("no line matches " + p + " in\n" + run.out());
  }
}
