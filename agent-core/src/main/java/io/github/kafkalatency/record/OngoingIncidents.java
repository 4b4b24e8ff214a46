package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds incidents while they last, from what the probes already publish: each thread's current file
 * operation and since when, the log locks it holds, and the threads arrived at a lock and not yet
 * in. A log-file operation stuck for {@link #STUCK_NANOS} under a log lock that others queue on is
 * a cascade in progress; stuck writes or fsyncs on two or more partitions of one log dir are a
 * stall in progress. Each is reported when first seen, every {@link #UPDATE_NANOS} while it lasts,
 * and once more, {@code ended}, at the first poll that no longer sees it.
 *
 * <p>Usage: {@code new OngoingIncidents(recorder, listener)}, then {@code poll(System.nanoTime())}
 * from the aggregator's tick. It only reads (racily) what the broker's threads store; nothing runs
 * under Kafka's locks.
 *
 * <p>Not thread-safe: the aggregator thread owns it.
 */
public final class OngoingIncidents {
  static final long STUCK_NANOS = 1_000_000_000L;
  static final long UPDATE_NANOS = 1_000_000_000L;
  static final long POLL_NANOS = 100_000_000L;
  private static final int NAMED_THREADS = 5;

  /** Told about every update, on the aggregator thread. */
  public interface Listener {
    /** False when nobody would see the updates (no recording has them enabled): skip the scan. */
    boolean enabled();

    void onUpdate(OngoingIncident incident);
  }

  private record CascadeKey(ThreadProbe holder, long acquired) {}

  private static final class Open {
    OngoingIncident last;
    long lastReported;
    int updates;
  }

  private final ProbeRecorder recorder;
  private final Listener listener;
  private final Map<Object, Open> open = new HashMap<>();
  private long lastPoll = Long.MIN_VALUE;

  public OngoingIncidents(ProbeRecorder recorder, Listener listener) {
    this.recorder = recorder;
    this.listener = listener;
  }

  public void poll(long now) {
    if (lastPoll != Long.MIN_VALUE && now - lastPoll < POLL_NANOS) {
      return;
    }
    lastPoll = now;
    if (open.isEmpty() && !listener.enabled()) {
      return;
    }
    Map<Object, OngoingIncident> seen = new HashMap<>();
    Map<String, List<ThreadProbe>> stuckWrites = new HashMap<>();
    List<ThreadProbe> threads = recorder.threads();
    for (ThreadProbe t : threads) {
      int op = t.opKind;
      long since = t.opStart;
      String path = t.opPath;
      if (op == ThreadProbe.NO_OP || path == null || t.opDepth <= 0 || now - since < STUCK_NANOS) {
        continue;
      }
      FileTarget f = recorder.partitions().ofPath(path);
      if (!f.measured()) {
        continue;
      }
      if ((op == Probe.WRITE || op == Probe.FORCE) && f.partition != null) {
        stuckWrites.computeIfAbsent(f.logDir, d -> new ArrayList<>()).add(t);
      }
      LockAttempt held = outermostHeld(t);
      if (held == null) {
        continue;
      }
      PartitionState p = held.partition;
      long acquired = held.acquired;
      if (p == null || acquired == 0) {
        continue;
      }
      List<String> waiters = waitersOn(p, t, threads);
      if (waiters.isEmpty()) {
        continue;
      }
      int count = waiters.size();
      seen.put(
          new CascadeKey(t, acquired),
          new OngoingIncident(
              OngoingIncident.Kind.CASCADE,
              0,
              false,
              since,
              now - since,
              p.logDir,
              p.topic,
              p.partition,
              t.thread,
              Sites.name(held.site),
              op,
              ProbeRecorder.fileName(path),
              count,
              List.copyOf(waiters.subList(0, Math.min(NAMED_THREADS, count))),
              List.of(p.name),
              List.of(t.thread.getName())));
    }
    for (Map.Entry<String, List<ThreadProbe>> e : stuckWrites.entrySet()) {
      TreeSet<String> partitions = new TreeSet<>();
      TreeSet<String> names = new TreeSet<>();
      long start = Long.MAX_VALUE;
      for (ThreadProbe t : e.getValue()) {
        FileTarget f = recorder.partitions().ofPath(t.opPath == null ? "" : t.opPath);
        if (f.partition != null) {
          partitions.add(f.partition.name);
        }
        names.add(t.thread.getName());
        start = Math.min(start, t.opStart);
      }
      if (partitions.size() >= 2 && start != Long.MAX_VALUE) {
        seen.put(
            e.getKey(),
            new OngoingIncident(
                OngoingIncident.Kind.STALL,
                0,
                false,
                start,
                now - start,
                e.getKey(),
                null,
                -1,
                null,
                null,
                Probe.WRITE,
                null,
                0,
                List.of(),
                List.copyOf(partitions),
                List.copyOf(names)));
      }
    }
    report(seen, now);
  }

  private void report(Map<Object, OngoingIncident> seen, long now) {
    for (Map.Entry<Object, OngoingIncident> e : seen.entrySet()) {
      Open o = open.get(e.getKey());
      boolean first = o == null;
      if (first) {
        o = new Open();
        open.put(e.getKey(), o);
      }
      o.last = e.getValue();
      if (first || now - o.lastReported >= UPDATE_NANOS) {
        o.lastReported = now;
        emit(o, false, now);
      }
    }
    for (Iterator<Map.Entry<Object, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Object, Open> e = it.next();
      if (!seen.containsKey(e.getKey())) {
        it.remove();
        emit(e.getValue(), true, now);
      }
    }
  }

  private void emit(Open o, boolean ended, long now) {
    OngoingIncident i = o.last;
    long duration = ended ? now - i.startNanos() : i.durationNanos();
    OngoingIncident update =
        new OngoingIncident(
            i.kind(),
            ++o.updates,
            ended,
            i.startNanos(),
            duration,
            i.logDir(),
            i.topic(),
            i.partition(),
            i.holder(),
            i.holderSite(),
            i.opKind(),
            i.opFile(),
            i.waiters(),
            i.waiterThreads(),
            i.partitions(),
            i.threads());
    try {
      listener.onUpdate(update);
    } catch (Throwable e) {
      AgentFaults.report("in-progress listener", e);
    }
  }

  /** The outermost measured log lock {@code t} holds now, or null. */
  private static LockAttempt outermostHeld(ThreadProbe t) {
    if (t.heldLocks <= 0) {
      return null;
    }
    int depth = Math.min(t.depth, ThreadProbe.MAX_DEPTH);
    for (int i = 0; i < depth; i++) {
      LockAttempt a = t.held[i];
      if (a.partition != null && !a.reentrant && a.acquired != 0 && a.partition.holder == a) {
        return a;
      }
    }
    return null;
  }

  /** Threads arrived at {@code p}'s log lock and not yet in, by name. */
  private static List<String> waitersOn(
      PartitionState p, ThreadProbe holder, List<ThreadProbe> threads) {
    List<String> names = new ArrayList<>();
    for (ThreadProbe u : threads) {
      int d = Math.min(u.depth, ThreadProbe.MAX_DEPTH) - 1;
      if (u == holder || d < 0) {
        continue;
      }
      LockAttempt a = u.held[d];
      if (a.partition == p && a.acquired == 0 && !a.reentrant) {
        names.add(u.thread.getName());
      }
    }
    return names;
  }
}
