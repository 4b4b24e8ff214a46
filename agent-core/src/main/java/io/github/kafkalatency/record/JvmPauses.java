package io.github.kafkalatency.record;

/**
 * Recent JVM pauses (GC pauses, safepoints), so that a long hold or a stall that a pause explains
 * is not blamed on the disk. Times are {@code System.nanoTime()} values.
 *
 * <p>Usage: a pause source calls {@link #add}; cascade and stall detection asks {@link
 * #longestOverlap}. Keeps the last {@value #SIZE} pauses. Thread-safe.
 */
public final class JvmPauses {
  private static final int SIZE = 256;

  private final long[] starts = new long[SIZE];
  private final long[] ends = new long[SIZE];
  private final String[] causes = new String[SIZE];
  private int next;

  public synchronized void add(long startNanos, long endNanos, String cause) {
    starts[next] = startNanos;
    ends[next] = endNanos;
    causes[next] = cause;
    next = (next + 1) % SIZE;
  }

  /** The pause overlapping [from, to] the longest, or null. */
  public synchronized Overlap longestOverlap(long from, long to) {
    Overlap best = null;
    for (int i = 0; i < SIZE; i++) {
      if (causes[i] == null) {
        continue;
      }
      long overlap = Math.min(ends[i], to) - Math.max(starts[i], from);
      if (overlap > 0 && (best == null || overlap > best.overlapNanos())) {
        best = new Overlap(causes[i], ends[i] - starts[i], overlap);
      }
    }
    return best;
  }

  /**
   * A JVM pause that overlapped an incident: its cause, its length, and how much of it overlapped.
   */
  public record Overlap(String cause, long pauseNanos, long overlapNanos) {}
}
