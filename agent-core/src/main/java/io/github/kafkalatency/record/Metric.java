package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;

/** What is timed, per topic-partition and broker-wide. Values are nanoseconds. */
public enum Metric {
  APPEND("append"),
  LOCK_WAIT("lock-wait"),
  LOCK_HOLD("lock-hold"),
  PARTITION_LOCK_WAIT("partition-lock-wait"),
  WRITE("write"),
  FORCE("force"),
  TRANSFER_TO("transferTo"),
  READ("read"),
  /** Broker-wide only: a produce request's total time, as Kafka's TotalTimeMs measures it. */
  PRODUCE_REQUEST("produce-request");

  public static final int COUNT = values().length;
  private static final Metric[] BY_ORDINAL = values();

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  /** The name used in summary lines, JFR events and option values. */
  public String label() {
    return label;
  }

  static Metric ofOrdinal(int ordinal) {
    return BY_ORDINAL[ordinal];
  }

  /** The metric of a {@link Probe} file operation code. */
  public static Metric ofFileOp(int op) {
    switch (op) {
      case Probe.WRITE:
        return WRITE;
      case Probe.FORCE:
        return FORCE;
      case Probe.TRANSFER_TO:
        return TRANSFER_TO;
      case Probe.READ:
        return READ;
      default:
        throw new IllegalArgumentException("file op " + op);
    }
  }
}
