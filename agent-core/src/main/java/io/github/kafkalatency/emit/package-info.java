/**
 * Stage 4 of the data path: the non-JFR outputs (JFR is {@code jfr}): the summary lines through the
 * broker's slf4j, the {@code .hlog} interval log, the MBeans and the output file names. They read
 * from {@code record}; they never touch Kafka.
 *
 * <p>Threads: interval and incident listeners run on the aggregator thread; slow-operation events
 * are committed on the Kafka thread that did the operation, after its log lock was released; MBean
 * getters run on JMX threads and read published snapshots only. Nothing here runs under Kafka's
 * lock.
 */
package io.github.kafkalatency.emit;
