package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads this test JVM's own HotSpot counters (surefire exports {@code sun.management} to the tests,
 * as the agent does to itself): a full GC of a large live heap is a pause long enough to be
 * recorded, and named after its collector.
 */
class JvmPauseWatchTest {

  @Test
  void aFullCollectionIsRecordedAsAGcPauseEndingAtThePoll() {
    JvmPauses pauses = new JvmPauses();
    JvmPauseWatch watch = JvmPauseWatch.open(pauses);
    assertNotNull(watch, "HotSpot's runtime counters are readable");
    List<long[]> live = new ArrayList<>();
    for (int i = 0; i < 2_000_000; i++) {
      live.add(new long[4]); // ~100 MB of small live objects: a full GC must mark every one
    }
    watch.poll(
        System.nanoTime()); // the young collections while allocating are not this test's pause
    long before = System.nanoTime();
    System.gc();
    long after = System.nanoTime();
    watch.poll(after);

    JvmPauses.Overlap o = pauses.longestOverlap(before, after);
    assertNotNull(o, "the full GC (" + (after - before) / 1_000_000 + " ms) was recorded");
    assertTrue(o.cause().startsWith("GC pause ("), o.cause());
    assertTrue(
        o.pauseNanos() >= JvmPauseWatch.MIN_PAUSE_MILLIS * 1_000_000L, "length " + o.pauseNanos());
    assertTrue(
        o.pauseNanos() <= after - before + 1_000_000L, "no longer than the call (ms counter)");
    assertEquals(2_000_000, live.size());
  }

  @Test
  void aQuietTickRecordsNothing() {
    JvmPauses pauses = new JvmPauses();
    JvmPauseWatch watch = JvmPauseWatch.open(pauses);
    assertNotNull(watch);
    long from = System.nanoTime();
    watch.poll(from);
    watch.poll(System.nanoTime());
    assertNull(pauses.longestOverlap(from - 1_000_000_000L, System.nanoTime()));
  }
}
