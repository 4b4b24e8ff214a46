/**
 * {@code scripts/demo.sh}: a real broker with the agent, producers and a catch-up consumer, a real
 * fault, and what the agent found.
 */
package io.github.kafkalatency.examples.demo;
