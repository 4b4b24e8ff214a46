package io.github.kafkalatency.record;

/**
 * Told about each cascade, stall and slow lock wait once it is complete, on the aggregator thread.
 */
public interface IncidentListener {
  /** A wait over the lock threshold, with the root the aggregator found for it. */
  default void onLockWait(RootedWait wait) {}

  void onCascade(Cascade cascade);

  void onStall(Stall stall);
}
