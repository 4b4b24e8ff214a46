package io.github.kafkalatency.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One topic-partition as the agent knows it: its name, its log dir, who holds its log lock now, and
 * (owned by the aggregator thread) its interval histograms.
 *
 * <p>Thread-safety: {@link #holder} is written by the thread that holds the log lock, with a plain
 * store while it holds it and a compare-and-set after releasing; other threads read it racily
 * before they block. Everything else below {@code aggregator-owned} is touched by the aggregator
 * thread only.
 */
public final class PartitionState {
  private static final VarHandle HOLDER;
  private static final VarHandle NESTED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HOLDER = l.findVarHandle(PartitionState.class, "holder", LockAttempt.class);
      NESTED = l.findVarHandle(PartitionState.class, "nested", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The KRaft metadata log, measured like any partition and labelled as such. */
  public static final String METADATA_TOPIC = "__cluster_metadata";

  final String topic;
  final int partition;
  final String name;

  /** The log dir holding this partition's directory, or null when not known yet. */
  volatile String logDir;

  /** Kafka's Partition object of this partition, once seen; weak, so a deleted one can go. */
  WeakReference<Object> partitionObject;

  /**
   * Set when the agent forgets this partition, which also empties the log's added field. A probe
   * that read the field just before then sees the flag (racily) and looks the log up afresh; an
   * event already pushed with this state is counted by the aggregator on the registered one.
   */
  boolean released;

  /** The attempt of the thread holding the log lock, or null. */
  LockAttempt holder;

  /**
   * Monitors the holder has entered inside its hold from this log's code, not yet exited (Kafka
   * re-enters the lock: {@code maybeIncrementHighWatermark -> updateHighWatermarkMetadata ->
   * maybeIncrementFirstUnstableOffset}). Written by the holder only, with release stores after its
   * {@link #holder} store, and read with acquire before {@link #holder} (see {@link
   * #nestedInOwnHold}).
   */
  @SuppressWarnings("unused") // through NESTED
  private int nested;

  /**
   * The attempt of the thread that last arrived at this log's lock: a hint, written racily. A probe
   * of the same block that finds its own thread's attempt here takes the thread's {@link
   * ThreadProbe} from it instead of looking it up; any other value only costs the lookup.
   */
  LockAttempt recentAttempt;

  /**
   * The path, as the very String instance, of this partition's last write the aggregator resolved:
   * a file operation on that instance by a thread that last locked this log is pushed with this
   * state as its subject, and the aggregator skips the path lookup. Written by the aggregator, read
   * racily; a stale value only costs the lookup.
   */
  String lastWritePath;

  // aggregator-owned
  final PartitionStats stats = new PartitionStats();
  int idleIntervals;

  PartitionState(String topic, int partition, String logDir) {
    this.topic = topic;
    this.partition = partition;
    this.name = topic + "-" + partition;
    this.logDir = logDir;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  /** {@code topic-partition}, as Kafka names the partition's directory. */
  public String name() {
    return name;
  }

  public boolean isMetadataLog() {
    return METADATA_TOPIC.equals(topic);
  }

  /**
   * Whether the calling thread holds this log lock and is inside a monitor it entered within that
   * hold. Sound without holding the lock: a thread never sees its own attempt in {@link #holder}
   * once it cleared it, and another holder's count is published after its holder store.
   */
  boolean nestedInOwnHold(Thread current) {
    return (int) NESTED.getAcquire(this) != 0 && heldBy(current); // the count first: see above
  }

  /** Whether the calling thread holds this log lock (its attempt is the registered holder). */
  boolean heldBy(Thread current) {
    LockAttempt h = holder;
    return h != null && h.thread == current;
  }

  /** The holder enters a monitor inside its hold. */
  void enterNested() {
    NESTED.setRelease(this, (int) NESTED.get(this) + 1);
  }

  /** The holder leaves a monitor it entered inside its hold. */
  void exitNested() {
    NESTED.setRelease(this, (int) NESTED.get(this) - 1);
  }

  void releaseHolder(LockAttempt attempt) {
    HOLDER.compareAndSet(this, attempt, null);
  }

  @Override
  public String toString() {
    return name;
  }
}
