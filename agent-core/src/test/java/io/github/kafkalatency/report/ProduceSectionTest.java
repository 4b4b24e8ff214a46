package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Produce requests, where the recording has them: slowest first, with the dominant cause. (The demo
 * fixture predates the event; its absence is covered by {@link FreezeRecordingReportTest}.)
 */
class ProduceSectionTest {
  private static final Instant T = Instant.parse("2026-11-25T04:26:29.900Z");

  @Test
  void slowestFirstWithCauseAndBreakdown() {
    List<RecordedProduceRequest> requests =
        List.of(
            new RecordedProduceRequest(
                T,
                40_000_000L,
                "handler-3",
                "producer-2",
                17,
                "queue",
                List.of("demo-1"),
                30_000_000L,
                5_000_000L,
                0,
                0,
                4_000_000L),
            new RecordedProduceRequest(
                T,
                370_000_000L,
                "handler-1",
                "producer-1",
                42,
                "write",
                List.of("demo-5", "demo-6"),
                100_000L,
                366_000_000L,
                0,
                1_000_000L,
                365_000_000L));
    AgentRecording r =
        new AgentRecording(
            Path.of("x.jfr"),
            T,
            T,
            Set.of(AgentRecording.PRODUCE_REQUEST),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            requests,
            List.of(),
            null);
    assertEquals(
        List.of(
            "Slowest produce requests (2, slowest first)",
            "  start         total  dominant cause  client      correlation  queue  local  remote "
                + " lock wait  write  thread     partitions",
            "  04:26:29.900  370ms  write           producer-1           42  100us  366ms     0ns  "
                + "    1.0ms  365ms  handler-1  demo-5, demo-6",
            "  04:26:29.900   40ms  queue           producer-2           17   30ms  5.0ms     0ns  "
                + "      0ns  4.0ms  handler-3  demo-1"),
        ProduceSection.lines(r, 10, new TimeFormat(ZoneOffset.UTC)));
  }
}
