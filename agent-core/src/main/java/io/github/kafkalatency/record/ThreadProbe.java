package io.github.kafkalatency.record;

/**
 * What the agent keeps per thread: its event ring, the log-lock monitors it is inside, the file
 * operation it is doing now, the slowest file operation of its current hold, its recent reads, and
 * slow events waiting for the lock to be released.
 *
 * <p>Thread-safety: written only by its thread, with plain stores. Other threads read {@link
 * #thread}, the current-operation fields and {@link #reads} racily to say what a lock holder was
 * doing.
 */
final class ThreadProbe {
  static final int MAX_DEPTH = 8;
  static final int NO_OP = -1;

  final Thread thread;
  final EventRing ring;
  final LockAttempt[] held = new LockAttempt[MAX_DEPTH];

  /** Monitors entered (measured or not): indexes {@link #held}. */
  int depth;

  /** Measured log locks held now. */
  int heldLocks;

  int opKind = NO_OP;
  String opPath;
  long opStart;
  long opBytes;
  long opPosition;
  int opDepth;

  /** The slowest file operation of the current outermost hold. */
  int holdOpKind = NO_OP;

  String holdOpPath;
  long holdOpStart;
  long holdOpDuration;
  long holdOpBytes;

  final ReadHistory reads = new ReadHistory();

  long partitionLockRequestedAt;

  /**
   * A partition-lock wait not yet charged: the append that follows, under that lock, resolves its
   * partition anyway, so the wait is charged there instead of looking the Partition up by identity.
   */
  Object pendingPartition;

  long pendingPartitionWait;

  /** This thread's Linux tid, 0 until the thread learns it outside Kafka's locks, -1 if unknown. */
  int tid;

  /**
   * Where in the kernel the operation that started at {@link #kernelSiteOpStart} waited; written by
   * the aggregator.
   */
  String kernelSite;

  long kernelSiteOpStart;

  /**
   * The log and partition of this thread's last measured log-lock attempt: found once for the lock
   * and reused by the append that took it, which saves a second identity-table lookup per append.
   */
  Object lockLog;

  PartitionState lockPartition;

  /** When this thread last released its outermost log lock: Kafka's append ends there. */
  long lastReleaseNanos;

  /** The produce request this handler thread is working on, or null. */
  ProduceTrace trace;

  final SlowEvents pending = new SlowEvents();

  /** A slow write under a log lock waiting for its append's offsets, or null. */
  SlowWrite heldWrite;

  ThreadProbe(Thread thread, int ringCapacity) {
    this.thread = thread;
    this.ring = new EventRing(ringCapacity);
    for (int i = 0; i < MAX_DEPTH; i++) {
      held[i] = new LockAttempt(this);
    }
  }

  /** The kernel wait site read for the operation that started at {@code opStart}, or null. */
  String kernelSiteOf(long opStart) {
    String site = kernelSite;
    return kernelSiteOpStart == opStart ? site : null;
  }

  boolean holdsLogLock() {
    return heldLocks > 0;
  }
}
