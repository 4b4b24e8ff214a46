package io.github.kafkalatency.record;

/**
 * A wait for a partition's log lock longer than the lock threshold, with its root: the thread whose
 * hold covered most of the wait ({@link #coveredNanos} of it), what that thread was doing, and
 * whether it also held the lock when the waiter arrived. Null {@link #rootHolder} means no hold
 * over the hold threshold overlapped the wait: the waiter queued behind shorter holds. {@link
 * #rootHolderWaitedNanos} &gt; 0 is a chain: the root holder had itself waited that long for the
 * lock (behind {@link #rootHolderWaitedBehind}, if known) before its hold.
 */
public record RootedWait(
    PartitionState partitionState,
    Thread waiter,
    String site,
    long arrivedNanos,
    long waitNanos,
    Thread rootHolder,
    String rootHolderSite,
    int rootOpKind,
    String rootOpFile,
    long rootOpNanos,
    long coveredNanos,
    boolean rootHeldAtArrival,
    long rootHolderWaitedNanos,
    Thread rootHolderWaitedBehind) {

  public String topic() {
    return partitionState.topic();
  }

  public int partition() {
    return partitionState.partition();
  }
}
