package io.github.kafkalatency.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Joins slow holds with the waits they caused, after the fact. Each wait is charged to the slow
 * hold of the same lock that covered most of it, whoever held the lock when the waiter arrived:
 * that thread may have left after a short hold, and the one that took the lock next and sat in its
 * write is what the waiter really waited for. A root holder that had itself waited for the lock
 * before its hold is a chain, named on its cascade.
 *
 * <p>Usage: {@link #hold} and {@link #wait} as the rings are drained, in any order; every tick
 * {@link #complete}. A wait is joined once it ended a grace period ago (by then every hold that
 * covered it has been drained); a hold becomes a {@link Cascade} two grace periods after it ended
 * (its waiters' waits end after it, when they get the lock) if it has waiters; slow waits come out
 * with their root as {@link RootedWait}s.
 *
 * <p>Not thread-safe: the aggregator thread owns it. Bounded: beyond {@link #MAX_PENDING} waits the
 * oldest are dropped, and holds are forgotten two grace periods after they ended.
 */
final class CascadeTracker {
  static final int MAX_PENDING = 20_000;
  private static final int NAMED_WAITERS = 5;

  private static final class Wait {
    final PartitionState partition;
    final ThreadProbe waiter;
    final String site;
    final long arrived;
    final long nanos;
    final ThreadProbe arrivalHolder;
    final long arrivalAcquired;
    Thread behind;

    Wait(
        PartitionState partition,
        ThreadProbe waiter,
        String site,
        long arrived,
        long nanos,
        ThreadProbe arrivalHolder,
        long arrivalAcquired) {
      this.partition = partition;
      this.waiter = waiter;
      this.site = site;
      this.arrived = arrived;
      this.nanos = nanos;
      this.arrivalHolder = arrivalHolder;
      this.arrivalAcquired = arrivalAcquired;
    }

    long end() {
      return arrived + nanos;
    }
  }

  private static final class Hold {
    final SlowHold hold;
    int waiters;
    long totalWait;
    long maxWait;
    int arrivedBehindOther;
    final List<String> names = new ArrayList<>();
    boolean done;

    Hold(SlowHold hold) {
      this.hold = hold;
    }

    long end() {
      return hold.acquired + hold.holdNanos;
    }
  }

  private record OwnWait(ThreadProbe waiter, long end) {}

  private final long graceNanos;
  private final long slowWaitNanos;
  private final JvmPauses pauses;
  private final ArrayDeque<Wait> waits = new ArrayDeque<>();
  private final Map<PartitionState, List<Hold>> holds = new HashMap<>();

  /** Joined waits of at least the lock threshold, by waiter and end: a root holder's own wait. */
  private final Map<OwnWait, Wait> recentWaits = new HashMap<>();

  CascadeTracker(long graceNanos, long slowWaitNanos, JvmPauses pauses) {
    this.graceNanos = graceNanos;
    this.slowWaitNanos = slowWaitNanos;
    this.pauses = pauses;
  }

  void hold(SlowHold h) {
    holds.computeIfAbsent(h.partition, k -> new ArrayList<>()).add(new Hold(h));
  }

  /**
   * A wait of {@code waitNanos} from {@code arrived}; {@code arrivalHolder} held the lock then,
   * since {@code arrivalAcquired}.
   */
  void wait(
      PartitionState p,
      ThreadProbe waiter,
      String site,
      long arrived,
      long waitNanos,
      ThreadProbe arrivalHolder,
      long arrivalAcquired) {
    if (waits.size() >= MAX_PENDING) {
      waits.pollFirst();
    }
    waits.addLast(new Wait(p, waiter, site, arrived, waitNanos, arrivalHolder, arrivalAcquired));
  }

  /** Joins what is old enough; {@code all} joins and flushes everything (shutdown). */
  void complete(long now, boolean all, List<Cascade> cascades, List<RootedWait> slowWaits) {
    long cutoff = all ? Long.MAX_VALUE / 2 : now - graceNanos;
    // Rings are drained every few ms, so waits come nearly in the order they ended.
    while (!waits.isEmpty() && waits.peekFirst().end() <= cutoff) {
      join(waits.pollFirst(), slowWaits);
    }
    for (Iterator<List<Hold>> it = holds.values().iterator(); it.hasNext(); ) {
      List<Hold> list = it.next();
      for (Iterator<Hold> hi = list.iterator(); hi.hasNext(); ) {
        Hold h = hi.next();
        // Its waiters end when they get the lock, after the hold: wait a grace period for those.
        if (!h.done && h.end() <= cutoff - graceNanos) {
          h.done = true;
          if (h.waiters > 0) {
            cascades.add(cascade(h));
          }
        }
        if (all || h.end() <= cutoff - 2 * graceNanos) {
          hi.remove(); // kept a while after its cascade for waits that end late
        }
      }
      if (list.isEmpty()) {
        it.remove();
      }
    }
    recentWaits.values().removeIf(w -> all || w.end() <= cutoff - 2 * graceNanos);
  }

  private void join(Wait w, List<RootedWait> slowWaits) {
    Hold best = null;
    long covered = 0;
    List<Hold> list = holds.get(w.partition);
    if (list != null) {
      for (Hold h : list) {
        long c = Math.min(h.end(), w.end()) - Math.max(h.hold.acquired, w.arrived);
        if (c > covered) {
          covered = c;
          best = h;
        }
      }
    }
    if (best != null) {
      best.waiters++;
      best.totalWait += w.nanos;
      best.maxWait = Math.max(best.maxWait, w.nanos);
      if (!atArrival(w, best)) {
        best.arrivedBehindOther++;
      }
      String name = w.waiter.thread.getName();
      if (best.names.size() < NAMED_WAITERS && !best.names.contains(name)) {
        best.names.add(name);
      }
      w.behind = best.hold.owner.thread;
    }
    if (w.nanos < slowWaitNanos) {
      return;
    }
    recentWaits.put(new OwnWait(w.waiter, w.end()), w);
    if (best == null) {
      slowWaits.add(
          new RootedWait(
              w.partition,
              w.waiter.thread,
              w.site,
              w.arrived,
              w.nanos,
              null,
              null,
              ThreadProbe.NO_OP,
              null,
              0,
              0,
              false,
              0,
              null));
      return;
    }
    SlowHold h = best.hold;
    Wait own = recentWaits.get(new OwnWait(h.owner, h.acquired));
    slowWaits.add(
        new RootedWait(
            w.partition,
            w.waiter.thread,
            w.site,
            w.arrived,
            w.nanos,
            h.owner.thread,
            h.site,
            h.opKind,
            h.opFile,
            h.opDuration,
            covered,
            atArrival(w, best),
            own == null ? 0 : own.nanos,
            own == null ? null : own.behind));
  }

  private static boolean atArrival(Wait w, Hold h) {
    return w.arrivalHolder == h.hold.owner && w.arrivalAcquired == h.hold.acquired;
  }

  private Cascade cascade(Hold p) {
    SlowHold h = p.hold;
    Wait own = recentWaits.get(new OwnWait(h.owner, h.acquired));
    return new Cascade(
        h.partition.topic,
        h.partition.partition,
        h.owner.thread,
        h.site,
        h.acquired,
        h.holdNanos,
        h.opKind,
        h.opFile,
        h.opDuration,
        h.opBytes,
        h.overlap,
        p.waiters,
        p.totalWait,
        p.maxWait,
        List.copyOf(p.names),
        p.arrivedBehindOther,
        own == null ? 0 : own.nanos,
        own == null ? null : own.behind,
        pauses.longestOverlap(h.acquired, h.acquired + h.holdNanos),
        h.partition.logDir,
        h.kernelSite,
        null);
  }
}
