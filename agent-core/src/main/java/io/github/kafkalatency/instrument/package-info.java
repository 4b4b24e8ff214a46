/**
 * Stage 2 of the data path: one hook class per instrumented site (log append, log-lock monitors,
 * partition lock, {@code FileChannelImpl} I/O, produce requests), the Byte Buddy advice they
 * inline, the bytecode visitor that times {@code monitorenter}/{@code monitorexit}, and the
 * installer that places them and reports which were found.
 *
 * <p>Threads: the premain thread, and whichever thread loads a Kafka class (transformers run on
 * it). The advice and the inserted bytecode then run on Kafka's threads, inside Kafka's methods,
 * some of it under the log lock: it only calls {@link io.github.kafkalatency.probe.Probe}.
 */
package io.github.kafkalatency.instrument;
