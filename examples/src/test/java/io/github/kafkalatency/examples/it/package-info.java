/**
 * Integration tests: real brokers with the agent attached as {@code KAFKA_OPTS} would, real
 * clients, real kernel faults ({@code docs/fault-scenarios.md}), outputs read by their real
 * consumers.
 */
package io.github.kafkalatency.examples.it;
