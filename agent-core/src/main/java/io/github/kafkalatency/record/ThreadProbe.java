package io.github.kafkalatency.record;

/**
 * What the agent keeps per thread: its event ring, the log-lock monitors it is inside, the file
 * operation it is doing now, and slow events waiting for the lock to be released.
 *
 * <p>Thread-safety: written only by its thread. Other threads read {@link #thread} and the
 * current-operation fields racily to say what a lock holder is doing.
 */
final class ThreadProbe {
  static final int MAX_DEPTH = 8;
  static final int NO_OP = -1;

  final Thread thread;
  final EventRing ring;
  final LockAttempt[] held = new LockAttempt[MAX_DEPTH];
  int depth;

  int opKind = NO_OP;
  String opPath;
  long opStart;
  long opBytes;
  long opPosition;
  int opDepth;

  long partitionLockRequestedAt;

  final SlowEvents pending = new SlowEvents();

  ThreadProbe(Thread thread, int ringCapacity) {
    this.thread = thread;
    this.ring = new EventRing(ringCapacity);
    for (int i = 0; i < MAX_DEPTH; i++) {
      held[i] = new LockAttempt(this);
    }
  }

  /** True while this thread is inside at least one measured log-lock monitor. */
  boolean holdsLogLock() {
    for (int i = 0; i < Math.min(depth, MAX_DEPTH); i++) {
      if (held[i].partition != null) {
        return true;
      }
    }
    return false;
  }
}
