package io.github.kafkalatency.record;

/**
 * Another thread's {@code transferTo} or {@code read} of the same file that overlapped a slow
 * write: the cross-thread I/O contention behind LINE's cold-sendfile stalls.
 */
public final class IoOverlap {
  Thread thread;
  int op = ThreadProbe.NO_OP;
  long bytes;
  long position;
  long durationNanos;
  long overlapNanos;

  void set(Thread t, int kind, long byteCount, long pos, long duration, long overlap) {
    thread = t;
    op = kind;
    bytes = byteCount;
    position = pos;
    durationNanos = duration;
    overlapNanos = overlap;
  }

  /**
   * Finds, among all threads but {@code self}, the read or transfer overlapping [from, to] most;
   * null if none.
   */
  static IoOverlap find(
      Iterable<ThreadProbe> threads, ThreadProbe self, String path, long from, long to) {
    IoOverlap best = new IoOverlap();
    for (ThreadProbe t : threads) {
      if (t == self) {
        continue;
      }
      int kind = t.opKind;
      long s = t.opStart;
      String p = t.opPath;
      if ((kind == io.github.kafkalatency.probe.Probe.TRANSFER_TO
              || kind == io.github.kafkalatency.probe.Probe.READ)
          && p != null
          && p.equals(path)
          && s < to) {
        long overlap = to - Math.max(s, from);
        if (overlap > best.overlapNanos) {
          best.set(t.thread, kind, t.opBytes, t.opPosition, to - s, overlap);
        }
      }
      t.reads.findOverlap(path, from, to, t.thread, best);
    }
    return best.op == ThreadProbe.NO_OP ? null : best;
  }

  public Thread thread() {
    return thread;
  }

  public int op() {
    return op;
  }

  public long bytes() {
    return bytes;
  }

  public long position() {
    return position;
  }

  public long durationNanos() {
    return durationNanos;
  }

  public long overlapNanos() {
    return overlapNanos;
  }
}
