package io.github.kafkalatency.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Joins slow holds with the waits they caused. A waiter reports the hold that was in place when it
 * arrived (holder and acquisition time); the holder reports its slow hold; the two arrive from
 * different threads' rings in any order. A hold with at least one waiter becomes a
 * {@link Cascade} once nothing new has joined it for a grace period.
 *
 * <p>Not thread-safe: the aggregator thread owns it. Bounded: the oldest pending entries are
 * dropped beyond {@link #MAX_PENDING}.
 */
final class CascadeTracker {
  static final int MAX_PENDING = 20_000;
  private static final int NAMED_WAITERS = 5;

  private record Key(ThreadProbe owner, long acquired) {}

  private static final class Pending {
    SlowHold hold;
    int waiters;
    long totalWait;
    long maxWait;
    final List<String> names = new ArrayList<>();
    long touched;
  }

  private final long graceNanos;
  private final JvmPauses pauses;
  private final Map<Key, Pending> pending = new HashMap<>();

  CascadeTracker(long graceNanos, JvmPauses pauses) {
    this.graceNanos = graceNanos;
    this.pauses = pauses;
  }

  void hold(SlowHold h, long now) {
    Pending p = pending.computeIfAbsent(new Key(h.owner, h.acquired), k -> new Pending());
    p.hold = h;
    p.touched = now;
  }

  void wait(ThreadProbe root, long rootAcquired, Thread waiter, long waitNanos, long now) {
    if (pending.size() >= MAX_PENDING) {
      pending.clear();
    }
    Pending p = pending.computeIfAbsent(new Key(root, rootAcquired), k -> new Pending());
    p.waiters++;
    p.totalWait += waitNanos;
    p.maxWait = Math.max(p.maxWait, waitNanos);
    if (p.names.size() < NAMED_WAITERS && !p.names.contains(waiter.getName())) {
      p.names.add(waiter.getName());
    }
    p.touched = now;
  }

  /** Cascades complete by {@code now}; {@code all} flushes everything (shutdown). */
  List<Cascade> complete(long now, boolean all) {
    List<Cascade> out = new ArrayList<>();
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (!all && now - p.touched < graceNanos) {
        continue;
      }
      it.remove();
      SlowHold h = p.hold;
      if (h == null || p.waiters == 0) {
        continue;
      }
      out.add(new Cascade(h.partition.topic, h.partition.partition, h.owner.thread, h.site,
          h.acquired, h.holdNanos, h.opKind, h.opFile, h.opDuration, h.opBytes, h.overlap,
          p.waiters, p.totalWait, p.maxWait, List.copyOf(p.names),
          pauses.longestOverlap(h.acquired, h.acquired + h.holdNanos)));
    }
    return out;
  }
}
