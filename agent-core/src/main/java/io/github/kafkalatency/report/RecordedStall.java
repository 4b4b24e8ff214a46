package io.github.kafkalatency.report;

import java.time.Instant;
import java.util.List;

/**
 * A {@code kafkalatency.LogDirStall}: slow writes or fsyncs on several partitions of one log dir at
 * overlapping times, which points at the disk or its journal rather than one hot partition.
 *
 * <p>Usage: read by {@link EventMapper}.
 */
record RecordedStall(
    Instant start,
    long nanos,
    String logDir,
    List<String> partitions,
    List<String> threads,
    int operations,
    long maxOperationNanos,
    String jvmPause,
    String verdict,
    String kernelWaitSite,
    String hint)
    implements Timed {

  /**
   * The verdict (or, from agents before verdicts, the overlapping pause), the kernel wait site and
   * the hint.
   */
  String note() {
    String v =
        verdict != null
            ? "verdict: " + verdict
            : jvmPause == null ? "" : "overlapping JVM pause (" + jvmPause + ")";
    if (kernelWaitSite != null) {
      v += (v.isEmpty() ? "" : "; ") + "kernel wait site " + kernelWaitSite;
    }
    return hint == null ? v : v + (v.isEmpty() ? "" : "; ") + "hint: " + hint;
  }
}
