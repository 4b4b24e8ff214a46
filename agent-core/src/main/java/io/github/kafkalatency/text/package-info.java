/**
 * Text for people shared by the agent's summary lines and the offline report, so that neither
 * depends on the other. Pure functions; any thread, and nothing here touches Kafka.
 */
package io.github.kafkalatency.text;
