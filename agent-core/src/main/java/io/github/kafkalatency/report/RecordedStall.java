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
    return Notes.join(verdictNote(), waitSiteNote(), hint == null ? null : "hint: " + hint);
  }

  String verdictNote() {
    return verdict != null
        ? "verdict: " + verdict
        : jvmPause == null ? null : "overlapping JVM pause (" + jvmPause + ")";
  }

  String waitSiteNote() {
    return kernelWaitSite == null ? null : "kernel wait site " + kernelWaitSite;
  }
}
