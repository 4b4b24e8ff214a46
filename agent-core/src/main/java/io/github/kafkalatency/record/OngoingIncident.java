package io.github.kafkalatency.record;

import java.util.List;

/**
 * An incident still going on, as the agent sees it from who holds which lock and what each thread
 * is doing now: a {@link Kind#CASCADE} (a log-lock holder stuck in a file operation with threads
 * queued behind the lock) or a {@link Kind#STALL} (stuck writes on several partitions of one log
 * dir). {@link #ended} is set on the last update, the first poll that no longer sees it; the
 * complete {@link Cascade} or {@link Stall} follows once its grace period is over.
 *
 * <p>Counts are a live, racy view (threads may have just moved on); the complete incident has the
 * exact figures. Immutable.
 */
public record OngoingIncident(
    Kind kind,
    int update,
    boolean ended,
    long startNanos,
    long durationNanos,
    String logDir,
    String topic,
    int partition,
    Thread holder,
    String holderSite,
    int opKind,
    String opFile,
    int waiters,
    List<String> waiterThreads,
    List<String> partitions,
    List<String> threads) {

  /** What is stuck. */
  public enum Kind {
    CASCADE("cascade"),
    STALL("stall");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The operation's label, or null when none is known. */
  public String opLabel() {
    return opKind == ThreadProbe.NO_OP ? null : Metric.ofFileOp(opKind).label();
  }
}
