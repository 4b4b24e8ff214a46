/**
 * The real-broker harness: Kafka's jars from Maven Central, a broker (and its controller) started
 * in a child JVM with the agent placed where {@code kafka-run-class.sh} puts {@code KAFKA_OPTS},
 * its output followed line by line.
 *
 * <p>One {@link io.github.kafkalatency.examples.broker.KafkaBroker} per test; it is closed by the
 * test that started it.
 */
package io.github.kafkalatency.examples.broker;
