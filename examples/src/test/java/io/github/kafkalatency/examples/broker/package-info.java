/**
 * Tests of the broker harness itself: that it starts a real Kafka broker (KRaft or ZooKeeper mode)
 * in its own JVM, with or without the agent, and stops it and everything it started. Each test owns
 * its brokers; none are shared between threads.
 */
package io.github.kafkalatency.examples.broker;
