package io.github.kafkalatency.record;

import java.util.List;

/**
 * Slow writes on several partitions of one log dir at overlapping times: the disk or its journal
 * stalled, not one hot partition. {@link #kernelSite} is where in the kernel most of its stuck
 * operations waited (when read while they ran), {@link #hint} a remedy with its evidence, or null.
 */
public record Stall(
    String logDir,
    long startNanos,
    long endNanos,
    List<String> partitions,
    List<String> threads,
    int operations,
    long maxOperationNanos,
    JvmPauses.Overlap jvmPause,
    String kernelSite,
    Hint hint) {

  /** The same stall with its remedy hint (null: none). */
  public Stall withHint(Hint h) {
    return new Stall(
        logDir,
        startNanos,
        endNanos,
        partitions,
        threads,
        operations,
        maxOperationNanos,
        jvmPause,
        kernelSite,
        h);
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** The file system, unless a JVM pause covered at least half of the window. */
  public Verdict verdict() {
    return Verdict.of(durationNanos(), true, jvmPause);
  }
}
