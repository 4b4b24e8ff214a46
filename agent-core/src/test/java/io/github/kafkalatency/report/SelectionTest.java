package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --from, --to and --partition on the real recording, through the command and directly. */
class SelectionTest {
  @Test
  void partitionKeepsItsOwnEventsAndTheStallsItWasPartOf() throws Exception {
    AgentRecording r = new Selection(null, null, "demo-5").apply(Fixture.read());
    assertEquals(
        List.of("demo-5"),
        r.cascades().stream().map(RecordedCascade::partition).distinct().toList());
    assertEquals(2, r.cascades().size());
    assertEquals(2, r.stalls().size());
    assertTrue(r.waits().stream().allMatch(w -> w.partition().equals("demo-5")));
    assertTrue(r.intervals().stream().allMatch(i -> i.partition().equals("demo-5")));
  }

  @Test
  void timeOfDayWindowKeepsTheSecondFreeze() {
    Fixture.Run run =
        Fixture.run(
            Fixture.recording().toString(),
            "--zone",
            "UTC",
            "--from",
            "04:26:29.5",
            "--to",
            "04:26:30.5",
            "--top",
            "30");
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().contains("selected:  2026-11-25 04:26:29.500 to 04:26:30.500 UTC (1.0s)"),
        run.out());
    assertTrue(
        run.out().contains("Cascades: log-lock holds that others queued behind (8, "), run.out());
    assertTrue(
        run.out()
            .contains(
                "Stalls: slow writes/fsyncs on several partitions of one log dir at once (1, "),
        run.out());
    assertTrue(!run.out().contains("04:26:26.490"), run.out());
  }

  @Test
  void isoInstantsWorkTooAndAnEmptyWindowIsNotAnError() {
    Fixture.Run run =
        Fixture.run(
            Fixture.recording().toString(),
            "--zone",
            "UTC",
            "--from",
            "2026-11-25T05:00:00Z",
            "--to",
            "2026-11-25T05:01:00Z");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("found:     0 cascades, 0 stalls"), run.out());
    assertTrue(
        run.out()
            .contains(
                "Cascades: log-lock holds that others queued behind (0, longest hold first; time ="
                    + " held or waited): none"),
        run.out());
  }

  @Test
  void eventsOverlappingTheEdgeAreKept() {
    Instant t = Instant.parse("2026-11-25T04:26:29.906Z");
    RecordedLockHold h = new RecordedLockHold(t, 365_000_000L, "handler", "demo-5", "append");
    assertTrue(h.overlaps(t.plusMillis(100), null));
    assertTrue(h.overlaps(null, t));
    assertTrue(!h.overlaps(t.plusMillis(366), null));
  }
}
