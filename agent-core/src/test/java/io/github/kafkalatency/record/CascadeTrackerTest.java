package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits and holds as the rings deliver them (in any order), joined after the fact. */
class CascadeTrackerTest {
  private static final long MS = 1_000_000L;
  private static final long T = 1_000_000_000_000L;

  private final CascadeTracker tracker = new CascadeTracker(2_500 * MS, MS, new JvmPauses());
  private final PartitionState p = new PartitionState("t", 0, "/data");
  private final PartitionState other = new PartitionState("t", 1, "/data");
  private final ThreadProbe h0 = probe("h0");
  private final ThreadProbe h1 = probe("h1");
  private final ThreadProbe w = probe("w");
  private final List<Cascade> cascades = new ArrayList<>();
  private final List<RootedWait> waits = new ArrayList<>();

  private static ThreadProbe probe(String name) {
    return new ThreadProbe(new Thread(() -> {}, name), 16);
  }

  private SlowHold hold(PartitionState partition, ThreadProbe owner, long from, long to) {
    return new SlowHold(
        partition,
        owner,
        "append",
        from,
        to - from,
        Probe.WRITE,
        "t-0/0.log",
        to - from - MS / 2,
        100,
        null,
        null);
  }

  @Test
  void theRootIsTheHoldThatCoveredMostOfTheWaitNotTheHolderAtArrival() {
    // w arrives while h0 holds the lock for a 0.5 ms write (not slow); h1 takes it next and sits
    // 345 ms in its write. The wait arrives before h1's hold is drained.
    tracker.wait(p, w, "append", T + MS / 2, 346 * MS, h0, T);
    tracker.hold(hold(p, h1, T + MS, T + 346 * MS + MS / 2));
    tracker.complete(T + 10_000 * MS, false, cascades, waits);
    assertEquals(1, waits.size());
    RootedWait r = waits.get(0);
    assertSame(h1.thread, r.rootHolder());
    assertFalse(r.rootHeldAtArrival(), "h0 held it at arrival, briefly");
    assertEquals(345 * MS + MS / 2, r.coveredNanos());
    assertEquals(Probe.WRITE, r.rootOpKind());
    assertEquals(1, cascades.size());
    Cascade c = cascades.get(0);
    assertSame(h1.thread, c.holder());
    assertEquals(1, c.waiters());
    assertEquals(1, c.waitersArrivedBehindOther());
    assertEquals(List.of("w"), c.waiterThreads());
  }

  @Test
  void aHolderThatHadWaitedItselfIsAChain() {
    tracker.hold(hold(p, h0, T, T + 20 * MS));
    tracker.wait(p, h1, "append", T + 2 * MS, 18 * MS, h0, T);
    tracker.hold(hold(p, h1, T + 20 * MS, T + 320 * MS));
    tracker.wait(p, w, "append", T + 30 * MS, 290 * MS, h1, T + 20 * MS);
    tracker.complete(T + 10_000 * MS, false, cascades, waits);
    Cascade c1 = cascades.stream().filter(c -> c.holder() == h1.thread).findFirst().orElseThrow();
    assertEquals(18 * MS, c1.holderWaitedNanos());
    assertSame(h0.thread, c1.holderWaitedBehind());
    assertEquals(1, c1.waiters());
    RootedWait r = waits.stream().filter(x -> x.waiter() == w.thread).findFirst().orElseThrow();
    assertSame(h1.thread, r.rootHolder());
    assertTrue(r.rootHeldAtArrival());
    assertEquals(18 * MS, r.rootHolderWaitedNanos());
    assertSame(h0.thread, r.rootHolderWaitedBehind());
  }

  @Test
  void aWaitBehindShortHoldsOnlyHasNoRootAndNoCascade() {
    tracker.hold(hold(other, h1, T, T + 50 * MS)); // another partition's lock: not this wait's
    tracker.wait(p, w, "append", T + MS, 3 * MS, h0, T);
    tracker.complete(T + 10_000 * MS, false, cascades, waits);
    assertEquals(1, waits.size());
    assertNull(waits.get(0).rootHolder());
    assertTrue(cascades.isEmpty(), "the other partition's hold had no waiter");
  }

  @Test
  void nothingIsJoinedWithinTheGracePeriodAndShortWaitsAreCountedNotReported() {
    tracker.hold(hold(p, h1, T, T + 100 * MS));
    tracker.wait(p, w, "append", T + 99_800_000L, 200_000L, h1, T);
    tracker.complete(T + 1_000 * MS, false, cascades, waits);
    assertTrue(cascades.isEmpty() && waits.isEmpty(), "still within the grace period");
    tracker.complete(T + 1_000 * MS, true, cascades, waits);
    assertEquals(1, cascades.size());
    assertEquals(1, cascades.get(0).waiters());
    assertTrue(waits.isEmpty(), "a 0.2 ms wait is under the 1 ms lock threshold");
  }

  @Test
  void aWaiterThatGetsTheLockJustAfterTheHoldEndsStillCounts() {
    tracker.hold(hold(p, h1, T, T + 300 * MS));
    tracker.complete(
        T + 300 * MS + MS / 10 + 2_500 * MS, false, cascades, waits); // a tick between the two ends
    tracker.wait(p, w, "append", T + 10 * MS, 290 * MS + MS / 5, h1, T);
    for (long now = T + 2_800 * MS; now < T + 6_000 * MS; now += 10 * MS) {
      tracker.complete(now, false, cascades, waits);
    }
    assertEquals(1, cascades.size());
    assertEquals(1, cascades.get(0).waiters(), "joined although its wait ended after the hold");
  }
}
