/**
 * Stage 4 of the data path, the JFR half of the outputs (as the JDK keeps {@code jdk.jfr.events}
 * apart): the event types, their {@link io.github.kafkalatency.jfr.EventSchema names}, the emitter
 * and the agent's own continuous recording. {@code report} reads what this writes and depends on
 * this package only for names.
 *
 * <p>Threads: interval and incident events are committed on the aggregator thread; slow-operation
 * events on the Kafka thread that did the operation, after its log lock was released. Nothing here
 * runs under Kafka's lock.
 */
package io.github.kafkalatency.jfr;
