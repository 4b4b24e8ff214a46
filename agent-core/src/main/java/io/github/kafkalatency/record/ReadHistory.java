package io.github.kafkalatency.record;

/**
 * A thread's most recent {@code transferTo} and {@code read} calls on log files, kept so that a
 * slow write can name another thread's read of the same file that overlapped it (XFS holds the
 * inode lock across a cold sendfile; the producer's write waits behind it). The read usually ends
 * just before the write does, so the current operation alone would miss it.
 *
 * <p>Thread-safety: one writer (plain stores); readers scan racily and re-check each entry's start.
 */
final class ReadHistory {
  private static final int SIZE = 8;

  private final int[] kind = new int[SIZE];
  private final String[] path = new String[SIZE];
  private final long[] start = new long[SIZE];
  private final long[] end = new long[SIZE];
  private final long[] bytes = new long[SIZE];
  private final long[] position = new long[SIZE];
  private int next;

  void record(int op, String file, long startNanos, long endNanos, long byteCount, long pos) {
    int i = next;
    next = (i + 1) & (SIZE - 1);
    start[i] = 0;
    kind[i] = op;
    path[i] = file;
    end[i] = endNanos;
    bytes[i] = byteCount;
    position[i] = pos;
    start[i] = startNanos;
  }

  /** The entry on {@code file} overlapping [from, to] the longest, written into {@code best}. */
  void findOverlap(String file, long from, long to, Thread owner, IoOverlap best) {
    for (int i = 0; i < SIZE; i++) {
      long s = start[i];
      String p = path[i];
      if (s == 0 || p == null || !p.equals(file)) {
        continue;
      }
      long e = end[i];
      long overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > best.overlapNanos && start[i] == s) {
        best.set(owner, kind[i], bytes[i], position[i], e - s, overlap);
      }
    }
  }
}
