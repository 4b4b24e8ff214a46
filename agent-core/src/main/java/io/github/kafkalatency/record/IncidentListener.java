package io.github.kafkalatency.record;

/** Told about each cascade and stall once it is complete, on the aggregator thread. */
public interface IncidentListener {
  void onCascade(Cascade cascade);

  void onStall(Stall stall);
}
