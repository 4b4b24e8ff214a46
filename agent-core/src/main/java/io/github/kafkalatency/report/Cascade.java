package io.github.kafkalatency.report;

import io.github.kafkalatency.emit.Durations;
import java.time.Instant;

/**
 * A {@code kafkalatency.LogLockCascade}: a slow hold of a partition's log lock that others queued
 * behind. It spans the hold; {@code holder} did it, not the event's own (aggregator) thread.
 *
 * <p>Usage: read by {@link EventMapper}; its waiters are found with {@link CascadeWaiters}.
 */
record Cascade(Instant start, long nanos, String partition, String holder, String holderSite,
    String operation, String operationFile, long operationNanos, long operationBytes, int waiters,
    long totalWaitNanos, long maxWaitNanos, String waiterThreads, String overlappingThread,
    String overlappingOperation, String jvmPause, long jvmPauseNanos) implements Timed {

  /** What else was going on: a reader of the same file, or a JVM pause; empty if neither. */
  String note() {
    StringBuilder b = new StringBuilder();
    if (overlappingThread != null && overlappingOperation != null) {
      b.append("behind ").append(overlappingOperation).append(" by ").append(overlappingThread);
    }
    if (jvmPause != null && !jvmPause.isEmpty()) {
      b.append(b.length() == 0 ? "" : "; ").append("overlapping JVM pause (").append(jvmPause)
          .append(") ").append(Durations.format(jvmPauseNanos));
    }
    return b.toString();
  }
}
