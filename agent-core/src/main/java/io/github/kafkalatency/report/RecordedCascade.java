package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.time.Instant;

/**
 * A {@code kafkalatency.LogLockCascade}: a slow hold of a partition's log lock that others queued
 * behind. It spans the hold; {@code holder} did it, not the event's own (aggregator) thread.
 *
 * <p>Usage: read by {@link EventMapper}; its waiters are found with {@link CascadeWaiters}.
 */
record RecordedCascade(
    Instant start,
    long nanos,
    String partition,
    String holder,
    String holderSite,
    String operation,
    String operationFile,
    long operationNanos,
    long operationBytes,
    int waiters,
    long totalWaitNanos,
    long maxWaitNanos,
    String waiterThreads,
    String overlappingThread,
    String overlappingOperation,
    String jvmPause,
    long jvmPauseNanos,
    String verdict,
    String kernelWaitSite,
    String hint)
    implements Timed {

  /**
   * What else was going on (a reader of the same file), the verdict and the remedy hint; empty if
   * none.
   */
  String note() {
    StringBuilder b = new StringBuilder();
    if (overlappingThread != null && overlappingOperation != null) {
      b.append("behind ").append(overlappingOperation).append(" by ").append(overlappingThread);
    }
    if (verdict != null) {
      b.append(b.length() == 0 ? "" : "; ").append("verdict: ").append(verdict);
    } else if (jvmPause != null && !jvmPause.isEmpty()) {
      // recordings from agents before verdicts: the pause as it was recorded
      b.append(b.length() == 0 ? "" : "; ")
          .append("overlapping JVM pause (")
          .append(jvmPause)
          .append(") ")
          .append(Durations.format(jvmPauseNanos));
    }
    if (kernelWaitSite != null) {
      b.append(b.length() == 0 ? "" : "; ").append("kernel wait site ").append(kernelWaitSite);
    }
    if (hint != null) {
      b.append(b.length() == 0 ? "" : "; ").append("hint: ").append(hint);
    }
    return b.toString();
  }
}
