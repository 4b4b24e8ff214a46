package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;

/**
 * Names a topic-partition the way Kafka and the agent's summary do: {@code demo-3}.
 *
 * <p>Usage: {@code PartitionNames.name(topic, partition)}. The broker-wide figures (topic {@code
 * *}) are {@value #BROKER_WIDE}; files at the top of a log dir (partition -1) carry no partition.
 */
final class PartitionNames {
  static final String BROKER_WIDE = "broker-wide";
  static final String NONE = "-";

  private PartitionNames() {}

  static String name(String topic, int partition) {
    if (topic == null || topic.isEmpty()) {
      return NONE;
    }
    if (EventSchema.BROKER_WIDE_TOPIC.equals(topic)) {
      return BROKER_WIDE;
    }
    return partition < 0 ? topic : topic + "-" + partition;
  }
}
