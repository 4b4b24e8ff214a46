package io.github.kafkalatency.record;

import java.util.List;

/**
 * The root of a lock cascade: one thread held a partition's log lock too long, doing {@link
 * #opKind} (the slowest file operation inside the hold, if any), and the threads that queued behind
 * it. A wait counts against the hold that covered most of it, not against the holder at its arrival
 * ({@link #waitersArrivedBehindOther} of them arrived while another thread held the lock briefly)
 * nor whichever thread released it to them. {@link #holderWaitedNanos} &gt; 0 is a chain: the
 * holder had itself waited that long for the lock first, behind {@link #holderWaitedBehind} when
 * known. {@link #jvmPause} is the GC pause or safepoint that overlapped the hold the longest, or
 * null; {@link #verdict} says whether it is the cause. {@link #kernelSite} is where in the kernel
 * the slowest operation waited, when it was read while the operation ran; {@link #hint} a remedy
 * with its evidence, or null.
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
    int waitersArrivedBehindOther,
    long holderWaitedNanos,
    Thread holderWaitedBehind,
    JvmPauses.Overlap jvmPause,
    String logDir,
    String kernelSite,
    Hint hint) {

  /** The same cascade with its remedy hint (null: none). */
  public Cascade withHint(Hint h) {
    return new Cascade(
        topic,
        partition,
        holder,
        holderSite,
        holdStartNanos,
        holdNanos,
        opKind,
        opFile,
        opNanos,
        opBytes,
        overlap,
        waiters,
        totalWaitNanos,
        maxWaitNanos,
        waiterThreads,
        waitersArrivedBehindOther,
        holderWaitedNanos,
        holderWaitedBehind,
        jvmPause,
        logDir,
        kernelSite,
        h);
  }

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
