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
    return Notes.join(verdictNote(), waitSiteNote(), hint == null ? null : "hint: " + hint);
  }

  /** What else was going on and the verdict: what the watch shows before the hint. */
  String verdictNote() {
    String behind =
        overlappingThread != null && overlappingOperation != null
            ? "behind " + overlappingOperation + " by " + overlappingThread
            : null;
    String judged;
    if (verdict != null) {
      judged = "verdict: " + verdict;
    } else if (jvmPause != null && !jvmPause.isEmpty()) {
      // recordings from agents before verdicts: the pause as it was recorded
      judged = "overlapping JVM pause (" + jvmPause + ") " + Durations.format(jvmPauseNanos);
    } else {
      judged = null;
    }
    return Notes.join(behind, judged);
  }

  String waitSiteNote() {
    return kernelWaitSite == null ? null : "kernel wait site " + kernelWaitSite;
  }
}
