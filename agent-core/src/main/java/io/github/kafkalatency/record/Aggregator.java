package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The one thread that owns every histogram: it drains the threads' event rings into per-partition
 * and broker-wide histograms and, once per interval, hands an {@link IntervalSnapshot} to the
 * listeners, then starts afresh and releases partitions idle for too long.
 *
 * <p>Usage: {@code new Aggregator(recorder, intervalMillis, idleIntervals, listeners).start()};
 * {@link #stop} drains and reports the last, partial interval. Tests drive it with {@link #drain()}
 * and {@link #rollInterval()} instead of the thread.
 *
 * <p>Thread-safety: {@link #drain} and {@link #rollInterval} must be called from one thread at a
 * time (the aggregator's own, once started).
 */
public final class Aggregator {
  /** The tick while some ring is filling fast: a full ring drops events. */
  static final long DRAIN_MILLIS = 10;

  /**
   * The tick otherwise. Waking up is most of the aggregator's cost (a profile of a steady broker
   * had a third of its samples in sleeping and waking at 100 Hz), so it wakes 20 times a second
   * unless a ring was more than {@link #BUSY_RING_EVENTS} full at the last drain.
   */
  static final long IDLE_DRAIN_MILLIS = 50;

  static final int BUSY_RING_EVENTS = ProbeRecorder.RING_CAPACITY / 8;

  /**
   * How long a cascade or stall stays open for late waiters and writes (rings drain in any order,
   * and a stalled thread reports its write only when the write returns) and for the JVM pause that
   * might explain it (seen at the first tick after the pause). Waits join when the waiter releases
   * the lock and every ring drains at least every {@value #IDLE_DRAIN_MILLIS} ms, so a quarter of a
   * second (five idle ticks) is ample; a hold becomes a cascade two of these after it ended. It is
   * short because a live watch must show a cascade within 3 s of its end, and JFR.s flush and the
   * stream's download (a one-second nap in the JDK's remote stream) take up to two of those.
   */
  static final long GRACE_NANOS = 250_000_000L;

  /** A produce request not completed this long after it was handled never will be. */
  static final long REQUEST_EXPIRY_NANOS = 120_000_000_000L;

  private final ProbeRecorder recorder;
  private final Partitions partitions;
  private final long intervalMillis;
  private final int idleIntervals;
  private final List<IntervalListener> listeners;
  private final List<IncidentListener> incidentListeners;
  private final EventRing.Consumer consumer = this::accept;
  private final JvmPauses pauses = new JvmPauses();
  private final CascadeTracker cascades;
  private final StallDetector stalls = new StallDetector(GRACE_NANOS, pauses);
  private final KernelWaitSites kernelSites;
  private Hints hints = new Hints(BrokerFacts.none());
  private List<Cascade> intervalCascades = new ArrayList<>();
  private List<Stall> intervalStalls = new ArrayList<>();
  private Map<ProduceTrace.Cause, Long> slowRequests = new EnumMap<>(ProduceTrace.Cause.class);
  private ThreadProbe draining;
  private long lastWait = -1;
  private PartitionState lastWaitPartition;
  private int lastWaitSite;
  private long drainNanos;
  private int mostDrained;
  private Map<Metric, Histogram> broker = newBrokerHistograms();
  private final Histogram scratch = SparseHistogram.newHistogram();
  private long intervalStartMillis = System.currentTimeMillis();
  private long droppedReported;
  private volatile boolean running;
  private Thread thread;
  private Runnable onStart = () -> {};
  private Runnable onTick = () -> {};

  public Aggregator(
      ProbeRecorder recorder,
      long intervalMillis,
      int idleIntervals,
      List<IntervalListener> listeners) {
    this(recorder, intervalMillis, idleIntervals, listeners, List.of());
  }

  public Aggregator(
      ProbeRecorder recorder,
      long intervalMillis,
      int idleIntervals,
      List<IntervalListener> listeners,
      List<IncidentListener> incidentListeners) {
    this.recorder = recorder;
    this.partitions = recorder.partitions();
    this.intervalMillis = intervalMillis;
    this.idleIntervals = idleIntervals;
    this.listeners = listeners;
    this.incidentListeners = incidentListeners;
    this.cascades = new CascadeTracker(GRACE_NANOS, recorder.slowLockWaitNanos(), pauses);
    this.kernelSites = new KernelWaitSites(recorder.slowNanos());
  }

  /**
   * The remedy rules and the broker facts they use; call on the aggregator thread (from {@link
   * #onStart}).
   */
  public void hints(Hints h) {
    this.hints = h;
  }

  /** Where JVM pauses are recorded so that cascades and stalls can say they overlapped one. */
  public JvmPauses pauses() {
    return pauses;
  }

  /**
   * Runs once on the aggregator thread before the first drain: work kept off the broker's main
   * thread.
   */
  public void onStart(Runnable task) {
    this.onStart = task;
  }

  /** Runs on the aggregator thread after every drain; must be cheap. */
  public void onTick(Runnable task) {
    this.onTick = task;
  }

  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "kafka-latency-agent-aggregator");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the thread and reports what was measured since the last interval. */
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long next = intervalStartMillis + intervalMillis;
    try {
      runQuietly(onStart, "agent start-up");
      while (running) {
        try {
          Thread.sleep(nextSleepMillis());
        } catch (InterruptedException e) {
          break;
        }
        try {
          drain();
          kernelSites.sample(recorder.threads(), System.nanoTime());
          completeIncidents(false);
          runQuietly(onTick, "agent housekeeping");
          long now = System.currentTimeMillis();
          if (now >= next) {
            rollInterval();
            next += intervalMillis * Math.max(1, (now - next) / intervalMillis + 1);
          }
        } catch (Throwable e) {
          // Keep aggregating: losing one batch of events beats losing every later interval.
          AgentFaults.report("aggregator", e);
        }
      }
    } finally {
      runQuietly(
          () -> {
            drain();
            completeIncidents(true);
            rollInterval();
          },
          "aggregator at shutdown");
    }
  }

  /**
   * {@link #DRAIN_MILLIS} after a drain that found a ring filling fast, else {@link
   * #IDLE_DRAIN_MILLIS}.
   */
  long nextSleepMillis() {
    return mostDrained > BUSY_RING_EVENTS ? DRAIN_MILLIS : IDLE_DRAIN_MILLIS;
  }

  /** Moves every published event into the histograms and the incident trackers. */
  public void drain() {
    drainNanos = System.nanoTime();
    recorder.coarseNanos(drainNanos);
    int most = 0;
    for (ThreadProbe t : recorder.threads()) {
      draining = t;
      lastWait = -1;
      most = Math.max(most, t.ring.drain(consumer));
      if (!t.thread.isAlive() && t.ring.isEmpty()) {
        recorder.forget(t);
      }
    }
    mostDrained = most;
  }

  /** Cascades and stalls no longer open: to the listeners, and kept for the interval's summary. */
  public void completeIncidents(boolean all) {
    long now = System.nanoTime();
    List<Cascade> completed = new ArrayList<>();
    List<RootedWait> slowWaits = new ArrayList<>();
    cascades.complete(now, all, completed, slowWaits);
    for (RootedWait w : slowWaits) {
      for (IncidentListener l : incidentListeners) {
        runQuietly(() -> l.onLockWait(w), "lock wait listener");
      }
    }
    for (Cascade found : completed) {
      Cascade c = found.withHint(hints.forCascade(found));
      intervalCascades.add(c);
      for (IncidentListener l : incidentListeners) {
        runQuietly(() -> l.onCascade(c), "cascade listener");
      }
    }
    for (Stall found : stalls.complete(now, all)) {
      Stall st = found.withHint(hints.forStall(found));
      intervalStalls.add(st);
      for (IncidentListener l : incidentListeners) {
        runQuietly(() -> l.onStall(st), "stall listener");
      }
    }
  }

  private void accept(Object subject, int kind, long value, long extra) {
    switch (kind) {
      case ProbeRecorder.WAIT_ROOT:
        if (lastWait >= 0) {
          cascades.wait(
              lastWaitPartition,
              draining,
              Sites.name(lastWaitSite),
              extra,
              lastWait,
              (ThreadProbe) subject,
              value);
          lastWait = -1;
          lastWaitPartition = null;
        }
        return;
      case ProbeRecorder.SLOW_HOLD:
        cascades.hold((SlowHold) subject);
        return;
      case ProbeRecorder.SLOW_FILE_OP:
        stalls.op((SlowFileOp) subject, drainNanos);
        return;
      case ProbeRecorder.PRODUCE:
        record(broker, Metric.PRODUCE_REQUEST, value);
        ProduceTrace trace = (ProduceTrace) subject;
        if (value >= recorder.slowRequestNanosValue() && trace.cause != null) {
          slowRequests.merge(trace.cause, 1L, Long::sum);
        }
        return;
      default:
        break;
    }
    if (kind >= ProbeRecorder.FILE_KIND_BASE) {
      int op = kind - ProbeRecorder.FILE_KIND_BASE;
      Metric metric = Metric.ofFileOp(op);
      if (subject instanceof PartitionState p) { // the path was this partition's lastWritePath
        live(p).stats.record(metric, value);
        return;
      }
      FileTarget f = partitions.ofPath((String) subject);
      if (!f.measured()) {
        return;
      }
      if (f.partition != null) {
        f.partition.stats.record(
            metric, value); // broker-wide from the partitions at the interval's end
        if (op == Probe.WRITE && f.partition.lastWritePath != subject) {
          f.partition.lastWritePath = (String) subject; // only on a change: the probes read it
        }
      } else {
        record(broker, metric, value);
      }
      return;
    }
    PartitionState p = live((PartitionState) subject);
    Metric metric = Metric.ofOrdinal(kind);
    p.stats.record(metric, value);
    if (metric == Metric.LOCK_WAIT) {
      lastWait = value;
      lastWaitPartition = p;
      lastWaitSite = (int) extra;
    } else if (metric == Metric.APPEND) {
      p.stats.appendRecords += extra >>> 32;
      p.stats.appendBytes += extra & 0xFFFF_FFFFL;
    }
  }

  /**
   * {@code p}, or the partition's registered state if {@code p} was released after the probe read
   * it: an event that raced the release is counted, not lost with the released state.
   */
  private PartitionState live(PartitionState p) {
    return p.released ? partitions.named(p.topic, p.partition, p.logDir) : p;
  }

  /** Ends the current interval: builds the snapshot, tells the listeners, starts a new one. */
  public IntervalSnapshot rollInterval() {
    long end = System.currentTimeMillis();
    List<PartitionInterval> active = new ArrayList<>();
    List<PartitionState> idle = new ArrayList<>();
    for (PartitionState p : partitions.all()) {
      if (p.stats.isEmpty()) {
        if (++p.idleIntervals >= idleIntervals) {
          idle.add(p);
        }
      } else {
        p.idleIntervals = 0;
        PartitionInterval interval = new PartitionInterval(p, scratch);
        interval.addCountsTo(broker);
        active.add(interval);
      }
    }
    partitions.release(idle);
    partitions.expungeCollected();
    long dropped = 0;
    for (ThreadProbe t : recorder.threads()) {
      dropped += t.ring.dropped();
    }
    recorder.expireRequests(System.nanoTime() - REQUEST_EXPIRY_NANOS);
    IntervalSnapshot snapshot =
        new IntervalSnapshot(
            intervalStartMillis,
            end,
            broker,
            active,
            dropped - droppedReported,
            intervalCascades,
            intervalStalls,
            slowRequests,
            partitions.size());
    snapshot.kernelSiteCost(kernelSites.takeCost());
    slowRequests = new EnumMap<>(ProduceTrace.Cause.class);
    intervalCascades = new ArrayList<>();
    intervalStalls = new ArrayList<>();
    droppedReported = dropped;
    broker = newBrokerHistograms();
    DenseBudget.newInterval(); // every partition's histograms went to the snapshot above
    intervalStartMillis = end;
    for (IntervalListener l : listeners) {
      try {
        l.onInterval(snapshot);
      } catch (Throwable e) {
        // one listener failing (a full disk, a logging backend) must not stop the others
        AgentFaults.report("interval listener " + l.getClass().getSimpleName(), e);
      }
    }
    return snapshot;
  }

  private static void runQuietly(Runnable task, String part) {
    try {
      task.run();
    } catch (Throwable e) {
      AgentFaults.report(part, e);
    }
  }

  private static void record(Map<Metric, Histogram> histograms, Metric metric, long value) {
    histograms.get(metric).recordValue(Math.min(Math.max(value, 0), SparseHistogram.HIGHEST_NANOS));
  }

  private static Map<Metric, Histogram> newBrokerHistograms() {
    Map<Metric, Histogram> m = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      m.put(metric, SparseHistogram.newHistogram());
    }
    return m;
  }
}
