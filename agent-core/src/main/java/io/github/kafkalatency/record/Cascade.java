package io.github.kafkalatency.record;

import java.util.List;

/**
 * The root of a lock cascade: one thread held a partition's log lock too long, doing
 * {@link #opKind} (the slowest file operation inside the hold, if any), and the threads that
 * arrived meanwhile queued behind it. Waiters count against the holder that held the lock when they
 * arrived, not against whichever thread released it to them. {@link #jvmPause} is a GC pause or
 * safepoint that overlapped the hold, or null: when present, the JVM, not the disk, may explain it.
 */
public record Cascade(
    String topic,
    int partition,
    Thread holder,
    String holderSite,
    long holdStartNanos,
    long holdNanos,
    int opKind,
    String opFile,
    long opNanos,
    long opBytes,
    IoOverlap overlap,
    int waiters,
    long totalWaitNanos,
    long maxWaitNanos,
    List<String> waiterThreads,
    JvmPauses.Overlap jvmPause) {

  public String partitionName() {
    return topic + "-" + partition;
  }

  /**
   * The JVM when a pause covered at least half of the hold; else the file system when a write or
   * fsync inside it took at least half of it; else the holder itself.
   */
  public Verdict verdict() {
    boolean fileOp = opKind != ThreadProbe.NO_OP && opNanos * 2 >= holdNanos;
    return Verdict.of(holdNanos, fileOp, jvmPause);
  }

  /** The operation's label, or null when the hold had no file operation. */
  public String opLabel() {
    return opKind == ThreadProbe.NO_OP ? null : Metric.ofFileOp(opKind).label();
  }
}
