/**
 * Start-up wiring and the command line: options → instrument → probe sink → aggregator → emitters,
 * the one start line and the hooks statement, and {@code java -jar kafka-latency-agent.jar report}.
 *
 * <p>Threads: the premain thread at start-up, the JVM's shutdown hook at exit, or the main thread
 * of the command line. Never on a Kafka thread and never under Kafka's log lock.
 */
package io.github.kafkalatency.agent;
