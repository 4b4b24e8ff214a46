package io.github.kafkalatency.record;

/**
 * A thread's most recent log-lock holds, each with the slowest file operation inside it, so that a
 * waiter can learn, after the fact, what its root holder was doing. Written by the owning thread
 * with plain stores while it still holds the lock; read racily by waiters, who check the entry's
 * key (the hold's acquisition time) before and after reading it.
 *
 * <p>Thread-safety: one writer; readers tolerate torn entries by re-checking the key.
 */
final class HoldHistory {
  private static final int SIZE = 16;

  private final long[] acquired = new long[SIZE];
  private final long[] holdNanos = new long[SIZE];
  private final int[] opKind = new int[SIZE];
  private final String[] opPath = new String[SIZE];
  private final long[] opStart = new long[SIZE];
  private final long[] opDuration = new long[SIZE];
  private final long[] opBytes = new long[SIZE];
  private int next;
  private int lastIndex = -1;

  /** Under Kafka's lock: plain stores only. */
  void record(long acquiredAt, int kind, String path, long start, long duration, long bytes) {
    int i = next;
    next = (i + 1) & (SIZE - 1);
    acquired[i] = 0; // invalidate while the entry is rewritten
    holdNanos[i] = 0;
    opKind[i] = kind;
    opPath[i] = path;
    opStart[i] = start;
    opDuration[i] = duration;
    opBytes[i] = bytes;
    acquired[i] = acquiredAt;
    lastIndex = i;
  }

  /** After release: the length of the hold recorded last. */
  void setLastHoldNanos(long nanos) {
    if (lastIndex >= 0) {
      holdNanos[lastIndex] = nanos;
    }
  }

  /**
   * Copies the hold acquired at {@code acquiredAt} into {@code out}; false when it has been
   * overwritten since (the holder went on to many other holds).
   */
  boolean find(long acquiredAt, HoldRecord out) {
    if (acquiredAt == 0) {
      return false;
    }
    for (int i = 0; i < SIZE; i++) {
      if (acquired[i] == acquiredAt) {
        out.opKind = opKind[i];
        out.opPath = opPath[i];
        out.opStart = opStart[i];
        out.opDuration = opDuration[i];
        out.opBytes = opBytes[i];
        out.holdNanos = holdNanos[i];
        return acquired[i] == acquiredAt;
      }
    }
    return false;
  }

  /** One hold as read back by a waiter. */
  static final class HoldRecord {
    int opKind = ThreadProbe.NO_OP;
    String opPath;
    long opStart;
    long opDuration;
    long opBytes;
    long holdNanos;
  }
}
