package io.github.kafkalatency.examples.broker;

/**
 * How the single-node broker finds its metadata: its own KRaft controller (3.3+ production, 2.8-3.2
 * preview), or a ZooKeeper server (every version up to 3.9). {@link #defaultFor(String)} picks
 * KRaft wherever it is production ready and ZooKeeper before that.
 */
public enum BrokerMode {
  KRAFT,
  ZOOKEEPER;

  /** KRaft from 3.3, ZooKeeper before it (KRaft of 2.8-3.2 was a preview). */
  public static BrokerMode defaultFor(String kafkaVersion) {
    return KafkaVersions.atLeast(kafkaVersion, 3, 3) ? KRAFT : ZOOKEEPER;
  }

  /** {@code KRaft} or {@code ZooKeeper}, as rows and reports print it. */
  public String label() {
    return this == KRAFT ? "KRaft" : "ZooKeeper";
  }
}
