package io.github.kafkalatency.record;

import java.util.List;

/**
 * Slow writes on several partitions of one log dir at overlapping times: the disk or its journal
 * stalled, not one hot partition.
 */
public record Stall(
    String logDir,
    long startNanos,
    long endNanos,
    List<String> partitions,
    List<String> threads,
    int operations,
    long maxOperationNanos,
    JvmPauses.Overlap jvmPause) {

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** The file system, unless a JVM pause covered at least half of the window. */
  public Verdict verdict() {
    return Verdict.of(durationNanos(), true, jvmPause);
  }
}
