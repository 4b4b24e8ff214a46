package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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

  static final ElementMatcher.Junction<TypeDescription> UNIFIED_LOG =
      namedOneOf(UNIFIED_LOG_NAMES.toArray(new String[0]));

  static final ElementMatcher.Junction<TypeDescription> PARTITION =
      named("kafka.cluster.Partition");

  static final ElementMatcher.Junction<TypeDescription> KAFKA_APIS =
      named("kafka.server.KafkaApis");

  /**
   * The request class: {@code RequestChannel$Request} (Scala) up to 4.3, Java {@code Request} in
   * 4.4.
   */
  static final List<String> REQUEST_NAMES =
      List.of("kafka.network.RequestChannel$Request", "org.apache.kafka.network.Request");

  static final ElementMatcher.Junction<TypeDescription> REQUEST =
      namedOneOf(REQUEST_NAMES.toArray(new String[0]));

  static final ElementMatcher.Junction<TypeDescription> FILE_CHANNEL_IMPL =
      named("sun.nio.ch.FileChannelImpl");

  private KafkaClasses() {}
}
