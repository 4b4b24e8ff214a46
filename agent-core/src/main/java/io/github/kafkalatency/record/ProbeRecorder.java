package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.ProbeSink;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ProbeSink}: turns probe calls into timed events on the calling thread's
 * {@link EventRing}, tracks who holds each log lock, and reports slow operations.
 *
 * <p>Usage: {@code Probe.install(new ProbeRecorder(partitions, thresholds, listener))}; an
 * {@link Aggregator} drains {@link #threads()}. While a Kafka log lock is held this class does one
 * {@code System.nanoTime()} and plain stores per call: slow events found under the lock wait in
 * the thread's {@link SlowEvents} until the lock is released.
 *
 * <p>Thread-safety: every method may be called from any thread; per-thread state is in
 * {@link ThreadProbe}.
 */
public final class ProbeRecorder implements ProbeSink {
  static final int FILE_KIND_BASE = 100;
  static final int RING_CAPACITY = 4096;

  private final Partitions partitions;
  private final long slowNanos;
  private final long slowLockWaitNanos;
  private volatile SlowOperationListener listener;
  private volatile Throwable listenerFault;
  private final CopyOnWriteArrayList<ThreadProbe> threads = new CopyOnWriteArrayList<>();
  private final ThreadLocal<ThreadProbe> current = ThreadLocal.withInitial(this::newThreadProbe);

  public ProbeRecorder(Partitions partitions, long slowNanos, long slowLockWaitNanos,
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

  public Partitions partitions() {
    return partitions;
  }

  /** The exception that turned slow-operation events off, or null. */
  public Throwable listenerFault() {
    return listenerFault;
  }

  // ---- log lock ----------------------------------------------------------------------------

  @Override
  public Object beforeLogLock(Object lock, Object log, int site) {
    ThreadProbe t = current.get();
    int d = t.depth++;
    if (d >= ThreadProbe.MAX_DEPTH) {
      return null;
    }
    LockAttempt a = t.held[d];
    a.lock = lock;
    for (int i = 0; i < d; i++) {
      if (t.held[i].lock == lock) {
        // Re-entry (append -> maybeRoll -> roll): already held, so nothing to wait for or time.
        a.reentrant = true;
        return null;
      }
    }
    PartitionState p = partitions.ofLock(lock, log);
    if (p == null) {
      return null;
    }
    a.partition = p;
    a.site = site;
    LockAttempt h = p.holder;
    ThreadProbe root = h == null ? null : h.owner;
    if (root == t) {
      root = null;
    }
    a.rootHolder = root;
    if (root != null) {
      // What the holder is doing, read before this thread blocks: its file op, if any.
      a.rootHolderSite = h.site;
      a.rootOp = root.opKind;
      a.rootOpPath = root.opPath;
      a.rootOpStart = root.opStart;
    }
    a.arrived = System.nanoTime();
    return a;
  }

  @Override
  public void logLockAcquired(Object token) {
    LockAttempt a = (LockAttempt) token;
    a.acquired = System.nanoTime();
    a.partition.holder = a;
  }

  @Override
  public void logLockReleased() {
    ThreadProbe t = current.get();
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
    p.releaseHolder(a);
    long wait = a.acquired - a.arrived;
    long hold = now - a.acquired;
    ThreadProbe root = a.rootHolder;
    t.ring.push(p, Metric.LOCK_HOLD.ordinal(), hold, a.site);
    if (root != null) {
      t.ring.push(p, Metric.LOCK_WAIT.ordinal(), wait, a.site);
    }
    boolean slowWait = root != null && wait >= slowLockWaitNanos;
    boolean slowHold = hold >= slowNanos;
    int rootOp = root == null ? ThreadProbe.NO_OP : a.rootOp;
    String rootOpPath = rootOp == ThreadProbe.NO_OP ? null : a.rootOpPath;
    long rootOpStart = a.rootOpStart;
    int site = a.site;
    long arrived = a.arrived;
    long acquired = a.acquired;
    String rootSite = root == null ? null : Sites.name(a.rootHolderSite);
    Thread rootThread = root == null ? null : root.thread;
    a.clear();
    a.acquired = 0;
    if ((slowWait || slowHold || t.pending.size > 0) && !t.holdsLogLock()) {
      SlowOperationListener l = listener;
      try {
        if (slowWait) {
          l.slowLockWait(p, Sites.name(site), arrived, wait, rootThread, rootSite, rootOp,
              fileName(rootOpPath), rootOpStart);
        }
        if (slowHold) {
          l.slowLockHold(p, Sites.name(site), acquired, hold);
        }
        flushPending(t, l, true);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
  }

  // ---- append and partition lock ----------------------------------------------------------

  @Override
  public void appendEnd(Object log, long startNanos, Object info, boolean failed) {
    long duration = System.nanoTime() - startNanos;
    PartitionState p = partitions.ofLog(log);
    if (p == null) {
      return;
    }
    long records = failed ? 0 : KafkaObjects.numMessages(info);
    long bytes = failed ? 0 : KafkaObjects.validBytes(info);
    ThreadProbe t = current.get();
    t.ring.push(p, Metric.APPEND.ordinal(), duration, (records << 32) | (bytes & 0xFFFF_FFFFL));
    if (duration >= slowNanos) {
      try {
        listener.slowAppend(p, startNanos, duration, records, bytes);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
  }

  @Override
  public void partitionLockRequested() {
    current.get().partitionLockRequestedAt = System.nanoTime();
  }

  @Override
  public void partitionLockAcquired(Object partition) {
    ThreadProbe t = current.get();
    long requested = t.partitionLockRequestedAt;
    if (requested == 0) {
      return;
    }
    t.partitionLockRequestedAt = 0;
    long wait = System.nanoTime() - requested;
    PartitionState p = partitions.ofPartition(partition);
    if (p == null) {
      return;
    }
    t.ring.push(p, Metric.PARTITION_LOCK_WAIT.ordinal(), wait, 0);
    if (wait >= slowLockWaitNanos) {
      try {
        listener.slowPartitionLockWait(p, requested, wait);
      } catch (Throwable e) {
        listenerFailed(e);
      }
    }
  }

  // ---- file I/O ----------------------------------------------------------------------------

  @Override
  public long fileOpStart(int op, String path, long bytes, long position) {
    ThreadProbe t = current.get();
    if (t.opDepth++ > 0) {
      return -1; // inside another file op (transferTo falling back to read): counted once
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
  public void fileOpEnd(int op, String path, long startNanos, long bytes) {
    ThreadProbe t = current.get();
    t.opDepth--;
    if (startNanos < 0) {
      return;
    }
    long duration = System.nanoTime() - startNanos;
    t.opKind = ThreadProbe.NO_OP;
    t.ring.push(path, FILE_KIND_BASE + op, duration, bytes);
    if (duration >= slowNanos) {
      t.pending.add(op, path, startNanos, duration, bytes);
      if (!t.holdsLogLock()) {
        try {
          flushPending(t, listener, false);
        } catch (Throwable e) {
          listenerFailed(e);
        }
      }
    }
  }

  private void flushPending(ThreadProbe t, SlowOperationListener l, boolean wasUnderLock) {
    SlowEvents s = t.pending;
    for (int i = 0; i < s.size; i++) {
      FileTarget f = partitions.ofPath(s.paths[i]);
      if (f.measured()) {
        l.slowFileOp(f.partition, f.logDir, f.fileName, s.ops[i], s.starts[i], s.durations[i],
            s.bytes[i], wasUnderLock);
      }
    }
    s.clear();
  }

  private void listenerFailed(Throwable e) {
    if (listenerFault == null) {
      listenerFault = e;
    }
    listener = SlowOperationListener.NONE;
  }

  private static String fileName(String path) {
    if (path == null) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    int parent = slash > 0 ? path.lastIndexOf('/', slash - 1) : -1;
    return path.substring(parent + 1);
  }
}
