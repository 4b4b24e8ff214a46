package io.github.kafkalatency.instrument;

import java.util.List;

/** The classes the hooks instrument, by name, across Kafka 2.4 to 4.4 (docs/kafka-versions.md). */
final class KafkaClasses {
  /**
   * The class that holds a partition's log lock: {@code kafka.log.Log} up to 3.0, {@code
   * kafka.log.UnifiedLog} from 3.1 to 4.0 (Scala), the storage module's Java {@code UnifiedLog}
   * from 4.1. Only one exists per version.
   */
  static final List<String> UNIFIED_LOG_NAMES =
      List.of(
          "kafka.log.Log",
          "kafka.log.UnifiedLog",
          "org.apache.kafka.storage.internals.log.UnifiedLog");

  static final String PARTITION_NAME = "kafka.cluster.Partition";

  static final String KAFKA_APIS_NAME = "kafka.server.KafkaApis";

  /**
   * The request class: {@code RequestChannel$Request} (Scala) up to 4.3, Java {@code Request} in
   * 4.4.
   */
  static final List<String> REQUEST_NAMES =
      List.of("kafka.network.RequestChannel$Request", "org.apache.kafka.network.Request");

  static final String FILE_CHANNEL_IMPL_NAME = "sun.nio.ch.FileChannelImpl";

  private KafkaClasses() {}
}
