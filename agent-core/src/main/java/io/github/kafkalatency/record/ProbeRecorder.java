package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.probe.ProbeSink;
import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ProbeSink}: turns probe calls into timed events on the calling thread's {@link
 * EventRing}, tracks who holds each log lock and what it is doing, and reports slow operations.
 *
 * <p>Usage: {@code Probe.install(new ProbeRecorder(partitions, slowNanos, slowLockWaitNanos,
 * listener))}; an {@link Aggregator} drains {@link #threads()}. While a Kafka log lock is held this
 * class does one {@code System.nanoTime()} and plain stores per call (plus finding the thread's
 * {@link ThreadProbe}: from the partition's {@link PartitionState#recentAttempt} when it is this
 * thread's, else in {@link ThreadProbes}): slow events found under the lock wait in the thread's
 * {@link SlowEvents} until it is released. A monitor entered inside the thread's own hold is only
 * counted on the partition ({@link PartitionState#enterNested}): its four calls find no probe.
 *
 * <p>Thread-safety: every method may be called from any thread; per-thread state is in {@link
 * ThreadProbe}.
 */
public final class ProbeRecorder implements ProbeSink {
  static final int FILE_KIND_BASE = 100;

  /** After a LOCK_WAIT: subject is the root holder's ThreadProbe, value its acquisition time. */
  static final int WAIT_ROOT = 200;

  /** Subject is a {@link SlowHold}. */
  static final int SLOW_HOLD = 201;

  /** Subject is a {@link SlowFileOp}. */
  static final int SLOW_FILE_OP = 202;

  /** Subject is a completed {@link ProduceTrace}; value its total time. */
  static final int PRODUCE = 203;

  /**
   * Test-only: {@code -Dkafkalatency.test.failPart=append} makes recording an append throw, so
   * tests can show that a failing part turns itself off while Kafka and the other parts carry on.
   */
  private static final boolean FAIL_APPEND =
      "append".equals(System.getProperty("kafkalatency.test.failPart"));

  static final int RING_CAPACITY = 4096;

  private final Partitions partitions;
  private final long slowNanos;
  private final long slowLockWaitNanos;
  private volatile long slowRequestNanos = Long.MAX_VALUE;

  /**
   * The aggregator's last drain time: a clock for what only needs to be right to a tick (request
   * expiry).
   */
  private volatile long coarseNanos = System.nanoTime();

  /** Produce requests between handleProduceRequest and their completion. */
  private final TrackedRequests tracked = new TrackedRequests();

  private volatile SlowOperationListener listener;

  /**
   * Set by the first append seen: the append hook works, so a held-back slow write is released by
   * its append.
   */
  private boolean appendsSeen;

  private volatile Throwable listenerFault;
  private final CopyOnWriteArrayList<ThreadProbe> threads = new CopyOnWriteArrayList<>();
  private final ThreadLocal<ThreadProbe> current = ThreadLocal.withInitial(this::newThreadProbe);
  private final ThreadProbes byThreadId = new ThreadProbes(current);

  public ProbeRecorder(
      Partitions partitions,
      long slowNanos,
      long slowLockWaitNanos,
      SlowOperationListener listener) {
    this.partitions = partitions;
    this.slowNanos = slowNanos;
    this.slowLockWaitNanos = slowLockWaitNanos;
    this.listener = listener;
  }

  private ThreadProbe newThreadProbe() {
    ThreadProbe t = new ThreadProbe(Thread.currentThread(), RING_CAPACITY);
    threads.add(t);
    return t;
  }

  CopyOnWriteArrayList<ThreadProbe> threads() {
    return threads;
  }

  /** Called for a thread that has died and whose ring is drained. */
  void forget(ThreadProbe dead) {
    threads.remove(dead);
    byThreadId.forget(dead);
    for (PartitionState p : partitions.all()) {
      LockAttempt hint = p.recentAttempt;
      if (hint != null && hint.owner == dead) {
        p.recentAttempt = null; // so that no partition keeps a dead thread's ring reachable
      }
    }
  }

  public Partitions partitions() {
    return partitions;
  }

  long slowNanos() {
    return slowNanos;
  }

  long slowLockWaitNanos() {
    return slowLockWaitNanos;
  }

  /** Produce requests slower than this are reported with their breakdown. */
  public void slowRequestNanos(long nanos) {
    slowRequestNanos = nanos;
  }

  void coarseNanos(long nanos) {
    coarseNanos = nanos;
  }

  long slowRequestNanosValue() {
    return slowRequestNanos;
  }

  /**
   * Forgets requests tracked before {@code cutoffNanos} that never completed (connection closed).
   */
  void expireRequests(long cutoffNanos) {
    tracked.expire(cutoffNanos);
  }

  /** The exception that turned slow-operation events off, or null. */
  public Throwable listenerFault() {
    return listenerFault;
  }

  // ---- log lock ----------------------------------------------------------------------------

  @Override
  public void beforeLogLock(Object lock, Object log, Object logState, int site) {
    if (logState instanceof PartitionState s && s.heldBy(Thread.currentThread())) {
      // A monitor entered inside this thread's own hold of the log's lock (Kafka re-enters it):
      // nothing to wait for, and its time is part of the hold. Counted on the partition, so this
      // block's three other calls need not find the thread's probe either.
      s.enterNested();
      return;
    }
    ThreadProbe t = byThreadId.current();
    int d = t.depth++;
    if (d >= ThreadProbe.MAX_DEPTH) {
      return;
    }
    LockAttempt a = t.held[d];
    a.lock = lock;
    for (int i = 0; i < d; i++) {
      if (t.held[i].lock == lock) {
        // Re-entry (append -> maybeRoll -> roll): already held, so nothing to wait for or time.
        a.reentrant = true;
        return;
      }
    }
    PartitionState p =
        logState instanceof PartitionState s && !s.released && lock != log
            ? s
            : partitions.ofLock(lock, log);
    if (p == null) {
      return;
    }
    a.partition = p;
    p.recentAttempt = a;
    a.site = site;
    t.lockLog = log;
    t.lockPartition = p;
    LockAttempt h = p.holder;
    ThreadProbe root = h == null ? null : h.owner;
    if (root == t) {
      root = null;
    }
    a.rootHolder = root;
    if (root != null) {
      // Read before this thread blocks: who holds the lock and since when (the aggregator finds
      // the hold that covered most of the wait; this one is only its holder at arrival).
      a.rootAcquired = h.acquired;
      // Only a wait behind a holder seen here is timed (see logLockReleased), so only then is the
      // arrival time needed: a lock found free costs one clock reading less.
      a.arrived = System.nanoTime();
    }
  }

  @Override
  public void logLockAcquired(Object logState) {
    if (nestedInOwnHold(logState) != null) {
      return;
    }
    ThreadProbe t = probeOf(logState);
    int d = t.depth - 1;
    if (d < 0 || d >= ThreadProbe.MAX_DEPTH) {
      return;
    }
    LockAttempt a = t.held[d];
    if (a.partition == null || a.reentrant) {
      return;
    }
    a.acquired = System.nanoTime();
    a.partition.holder = a;
    if (t.heldLocks++ == 0) {
      t.holdOpKind = ThreadProbe.NO_OP;
      t.holdOpDuration = 0;
      t.holdOpPath = null;
    }
  }

  @Override
  public void logLockReleasing(Object logState) {
    PartitionState nested = nestedInOwnHold(logState);
    if (nested != null) {
      nested.exitNested(); // logLockReleased then sees the outer hold still registered
      return;
    }
    releasing(probeOf(logState), false);
  }

  @Override
  public void logLockExited(Object logState) {
    PartitionState nested = nestedInOwnHold(logState);
    if (nested != null) {
      nested.exitNested();
      return;
    }
    ThreadProbe t = probeOf(logState);
    releasing(t, true);
    released(t);
  }

  private void releasing(ThreadProbe t, boolean afterExit) {
    int d = t.depth - 1;
    if (d < 0 || d >= ThreadProbe.MAX_DEPTH) {
      return;
    }
    LockAttempt a = t.held[d];
    PartitionState p = a.partition;
    if (p == null || a.reentrant || a.acquired == 0) {
      return;
    }
    if (afterExit) {
      p.releaseHolder(a); // the next holder may have registered already: never clear its entry
    } else if (p.holder == a) {
      // Still under the lock: plain stores only. The next holder sees them through the monitor.
      p.holder = null;
    }
    --t.heldLocks;
  }

  @Override
  public void logLockReleased(Object logState) {
    if (logState instanceof PartitionState s && s.heldBy(Thread.currentThread())) {
      return; // a nested monitor's exit (see logLockReleasing): the outer hold goes on
    }
    released(probeOf(logState));
  }

  /**
   * The log's partition when the calling thread is inside a monitor nested in its hold, or null.
   */
  private static PartitionState nestedInOwnHold(Object logState) {
    return logState instanceof PartitionState s && s.nestedInOwnHold(Thread.currentThread())
        ? s
        : null;
  }

  /**
   * The calling thread's probe: from the log's {@link PartitionState#recentAttempt} when that is
   * this thread's (the common case once the lock was found free), else looked up.
   */
  private ThreadProbe probeOf(Object logState) {
    if (logState instanceof PartitionState s) {
      LockAttempt a = s.recentAttempt;
      if (a != null && a.thread == Thread.currentThread()) {
        return a.owner;
      }
    }
    return byThreadId.current();
  }

  private void released(ThreadProbe t) {
    int d = --t.depth;
    if (d < 0) {
      t.depth = 0; // probes were installed while this thread was inside a monitor
      return;
    }
    if (d >= ThreadProbe.MAX_DEPTH) {
      return;
    }
    LockAttempt a = t.held[d];
    PartitionState p = a.partition;
    if (p == null || a.reentrant || a.acquired == 0) {
      a.clear();
      return;
    }
    long now = System.nanoTime();
    long wait = a.acquired - a.arrived;
    long hold = now - a.acquired;
    boolean outermost = t.heldLocks == 0;
    if (outermost) {
      t.lastReleaseNanos = now;
    }
    ThreadProbe root = a.rootHolder;
    t.ring.push(p, Metric.LOCK_HOLD.ordinal(), hold, a.site);
    if (root != null) {
      t.ring.push(p, Metric.LOCK_WAIT.ordinal(), wait, a.site);
      t.ring.push(root, WAIT_ROOT, a.rootAcquired, a.arrived);
      if (t.trace != null) {
        t.trace.lockWaitNanos += wait;
      }
    }
    if (!outermost) {
      // still inside another log's lock: nothing more may run here (never seen in Kafka)
      a.clear();
      a.acquired = 0;
      return;
    }
    // A slow wait is reported by the aggregator, which finds the hold that covered most of it.
    boolean slowHold = hold >= slowNanos;
    if (!slowHold && t.pending.size == 0) {
      a.clear();
      a.acquired = 0;
      return;
    }
    SlowOperationListener l = listener;
    try {
      IoOverlap overlap = flushPending(t, l, true);
      if (slowHold) {
        SlowHold h =
            new SlowHold(
                p,
                t,
                Sites.name(a.site),
                a.acquired,
                hold,
                t.holdOpKind,
                fileName(t.holdOpPath),
                t.holdOpDuration,
                t.holdOpBytes,
                t.holdOpKind == Probe.WRITE ? overlap : null,
                t.holdOpKind == ThreadProbe.NO_OP ? null : t.kernelSiteOf(t.holdOpStart));
        t.ring.push(h, SLOW_HOLD, hold, 0);
        l.slowLockHold(p, h.site, a.acquired, hold);
      }
    } catch (Throwable e) {
      listenerFailed(e);
    } finally {
      a.clear();
      a.acquired = 0;
    }
  }

  // ---- append and partition lock ----------------------------------------------------------

  @Override
  public void appendEnd(Object log, long startNanos, Object info, boolean failed) {
    if (FAIL_APPEND) {
      throw new IllegalStateException("test fault in the append recording path");
    }
    ThreadProbe t = byThreadId.current();
    long duration = appendEndNanos(t, startNanos) - startNanos;
    PartitionState p = log == t.lockLog ? t.lockPartition : partitions.ofLog(log);
    t.lockLog = null;
    t.lockPartition = null;
    if (t.pendingPartition != null) {
      chargePendingPartitionWait(t, p);
    }
    if (p == null) {
      return;
    }
    long records = failed ? 0 : KafkaObjects.numMessages(info);
    long bytes = failed ? 0 : KafkaObjects.validBytes(info);
    if (!appendsSeen) {
      appendsSeen = true; // from now on slow writes under the lock wait for their append's result
    }
    if (t.heldWrite != null) {
      SlowWrite w = t.heldWrite;
      boolean ours = !failed && w.start >= startNanos && w.file.partition == p;
      try {
        emitHeldWrite(
            t, listener, ours ? KafkaObjects.baseOffset(info, records) : -1, ours ? records : 0);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
    t.ring.push(p, Metric.APPEND.ordinal(), duration, (records << 32) | (bytes & 0xFFFF_FFFFL));
    if (t.trace != null) {
      t.trace.appended(p, bytes);
    }
    if (duration >= slowNanos) {
      try {
        listener.slowAppend(p, startNanos, duration, records, bytes);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
  }

  /**
   * In every supported version {@code UnifiedLog.append} returns straight out of its {@code
   * synchronized (lock)} block, so the clock read at that release is the append's end and saves a
   * read here. An append that took no log lock (nothing valid to append), or runs with the log-lock
   * hook off, reads the clock.
   */
  private static long appendEndNanos(ThreadProbe t, long startNanos) {
    long released = t.lastReleaseNanos;
    return released > startNanos && t.depth == 0 ? released : System.nanoTime();
  }

  @Override
  public void partitionLockRequested() {
    byThreadId.current().partitionLockRequestedAt = System.nanoTime();
  }

  @Override
  public void partitionLockAcquired(Object partition) {
    ThreadProbe t = byThreadId.current();
    long requested = t.partitionLockRequestedAt;
    if (requested == 0) {
      return;
    }
    t.partitionLockRequestedAt = 0;
    long wait = System.nanoTime() - requested;
    if (t.trace != null) {
      t.trace.lockWaitNanos += wait;
    }
    if (t.pendingPartition != null) {
      chargePendingPartitionWait(t, null); // its append never came (it failed before the log)
    }
    if (wait < slowLockWaitNanos) {
      t.pendingPartition = partition; // charged by the append under this lock (appendEnd)
      t.pendingPartitionWait = wait;
      return;
    }
    PartitionState p = partitions.ofPartition(partition);
    if (p == null) {
      return;
    }
    t.ring.push(p, Metric.PARTITION_LOCK_WAIT.ordinal(), wait, 0);
    try {
      listener.slowPartitionLockWait(p, requested, wait);
    } catch (Throwable e) {
      listenerFailed(e);
    }
  }

  /**
   * Charges the thread's pending partition-lock wait to {@code appended}, the partition of the
   * append that ran under that lock, when it is the same Partition (checked by identity, without a
   * table lookup once seen); otherwise to the Partition looked up.
   */
  private void chargePendingPartitionWait(ThreadProbe t, PartitionState appended) {
    Object partition = t.pendingPartition;
    t.pendingPartition = null;
    PartitionState p = appended;
    WeakReference<Object> seen = p == null ? null : p.partitionObject;
    if (seen == null || seen.get() != partition) {
      p = partitions.ofPartition(partition);
      if (p == null) {
        return;
      }
      if (p == appended) {
        p.partitionObject = new WeakReference<>(partition);
      }
    }
    t.ring.push(p, Metric.PARTITION_LOCK_WAIT.ordinal(), t.pendingPartitionWait, 0);
  }

  // ---- produce requests ---------------------------------------------------------------------

  @Override
  public void produceRequestStart(Object request) {
    ThreadProbe t = byThreadId.current();
    if (t.tid == 0) {
      KernelWaitSites.learnTid(t); // once per handler thread, before it takes any of Kafka's locks
    }
    ProduceTrace trace = new ProduceTrace(coarseNanos);
    t.trace = trace;
    tracked.put(request, trace);
  }

  @Override
  public void produceRequestEnd() {
    byThreadId.current().trace = null;
  }

  @Override
  public void requestCompleted(Object request) {
    ProduceTrace trace = tracked.remove(request);
    if (trace == null) {
      return; // not a produce request
    }
    long end = System.nanoTime();
    long total = end - RequestFields.startNanos(request);
    if (total < slowRequestNanos) {
      // Kafka's breakdown (reflection, Scala Options) only for the slow ones: the histogram needs
      // the total alone.
      byThreadId.current().ring.push(trace, PRODUCE, total, 0);
    } else {
      RequestFields.complete(trace, request, end);
      RequestFields.identify(trace, request);
      byThreadId.current().ring.push(trace, PRODUCE, trace.totalNanos, 0);
      try {
        listener.slowProduceRequest(trace);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
  }

  // ---- file I/O ----------------------------------------------------------------------------

  @Override
  public long fileOpStart(int op, String path, long bytes, long position) {
    ThreadProbe t = byThreadId.current();
    if (t.opDepth++ > 0) {
      return -1; // inside another file op (transferTo falling back to read): counted once
    }
    if (t.tid == 0 && t.heldLocks == 0) {
      KernelWaitSites.learnTid(t); // once per thread, never under a log lock
    }
    t.opKind = op;
    t.opPath = path;
    t.opBytes = bytes;
    t.opPosition = position;
    long now = System.nanoTime();
    t.opStart = now;
    return now;
  }

  @Override
  public String pathOf(java.io.FileDescriptor fd) {
    return FileDescriptorPaths.pathOf(fd);
  }

  @Override
  public void fileOpEnd(int op, String path, long startNanos, long bytes) {
    ThreadProbe t = byThreadId.current();
    t.opDepth--;
    if (startNanos < 0) {
      return;
    }
    long end = System.nanoTime();
    long duration = end - startNanos;
    t.opKind = ThreadProbe.NO_OP;
    // Under a log lock the write is nearly always to that partition's active segment, whose path
    // the aggregator has already resolved: one compare of references instead of a map lookup.
    PartitionState locked = t.lockPartition;
    Object subject = locked != null && locked.lastWritePath == path ? locked : path;
    t.ring.push(subject, FILE_KIND_BASE + op, duration, bytes);
    if (op == Probe.TRANSFER_TO || op == Probe.READ) {
      t.reads.record(op, path, startNanos, end, bytes, t.opPosition);
    }
    if (op == Probe.WRITE && t.trace != null) {
      t.trace.writeNanos += duration;
    }
    if (t.heldLocks > 0 && duration > t.holdOpDuration) {
      t.holdOpKind = op;
      t.holdOpPath = path;
      t.holdOpStart = startNanos;
      t.holdOpDuration = duration;
      t.holdOpBytes = bytes;
    }
    if (duration >= slowNanos) {
      t.pending.add(op, path, startNanos, duration, bytes);
      if (t.heldLocks == 0) {
        try {
          flushPending(t, listener, false);
        } catch (Throwable e) {
          listenerFailed(e);
        }
      }
    }
  }

  /**
   * Reports the slow file ops kept back; returns the I/O overlap found for the slowest write, if
   * any.
   */
  private IoOverlap flushPending(ThreadProbe t, SlowOperationListener l, boolean wasUnderLock) {
    SlowEvents s = t.pending;
    IoOverlap slowestWriteOverlap = null;
    long slowestWrite = 0;
    for (int i = 0; i < s.size; i++) {
      FileTarget f = partitions.ofPath(s.paths[i]);
      if (!f.measured()) {
        continue;
      }
      IoOverlap overlap = null;
      if (s.ops[i] == Probe.WRITE) {
        overlap = IoOverlap.find(threads, t, s.paths[i], s.starts[i], s.starts[i] + s.durations[i]);
        if (s.durations[i] > slowestWrite) {
          slowestWrite = s.durations[i];
          slowestWriteOverlap = overlap;
        }
      }
      String kernelSite = t.kernelSiteOf(s.starts[i]);
      t.ring.push(
          new SlowFileOp(
              f.partition,
              f.logDir,
              s.ops[i],
              s.starts[i],
              s.durations[i],
              t.thread,
              kernelSite,
              overlap),
          SLOW_FILE_OP,
          s.durations[i],
          0);
      if (s.ops[i] == Probe.WRITE && wasUnderLock && appendsSeen && f.partition != null) {
        emitHeldWrite(t, l, -1, 0); // at most one held back
        t.heldWrite =
            new SlowWrite(f, s.starts[i], s.durations[i], s.bytes[i], overlap, kernelSite);
      } else {
        l.slowFileOp(
            f.partition,
            f.logDir,
            f.fileName,
            s.ops[i],
            s.starts[i],
            s.durations[i],
            s.bytes[i],
            wasUnderLock,
            overlap,
            kernelSite,
            -1,
            0);
      }
    }
    s.clear();
    return slowestWriteOverlap;
  }

  /**
   * The slow write held back for its append's result, with the batch's offsets when known ({@code
   * -1}: not).
   */
  private static void emitHeldWrite(
      ThreadProbe t, SlowOperationListener l, long baseOffset, long records) {
    SlowWrite w = t.heldWrite;
    if (w == null) {
      return;
    }
    t.heldWrite = null;
    FileTarget f = w.file;
    l.slowFileOp(
        f.partition,
        f.logDir,
        f.fileName,
        Probe.WRITE,
        w.start,
        w.duration,
        w.bytes,
        true,
        w.overlap,
        w.kernelSite,
        baseOffset,
        records);
  }

  private void listenerFailed(Throwable e) {
    if (listenerFault == null) {
      listenerFault = e;
    }
    listener = SlowOperationListener.NONE;
  }

  /** {@code topic-partition/file} for a path under a log dir; the path's last two elements. */
  static String fileName(String path) {
    if (path == null) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    int parent = slash > 0 ? path.lastIndexOf('/', slash - 1) : -1;
    return path.substring(parent + 1);
  }
}
