/**
 * Stage 5 of the data path: {@code java -jar kafka-latency-agent.jar report}, which reads the
 * agent's events from {@code .jfr} files with {@code jdk.jfr.consumer} and prints text tables or a
 * self-contained HTML timeline. Needs no broker and depends on no other stage at run time.
 *
 * <p>Threads: the command line's main thread only; nothing here is shared.
 */
package io.github.kafkalatency.report;
