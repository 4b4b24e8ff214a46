/**
 * Stage 1 of the data path (probe → instrument → record → emit → report): the static entry points
 * that instrumented Kafka and JDK code calls, and the {@link
 * io.github.kafkalatency.probe.ProbeSink} the agent core installs behind them.
 *
 * <p>Threads: every thread of the broker that appends, takes a log or partition lock, or does
 * {@code FileChannel} I/O (request handlers, network threads, the log cleaner, the flusher, KRaft's
 * I/O thread). Much of it runs <em>while Kafka's log lock is held</em>, so each entry point is a
 * volatile read of the sink and a call; it never throws into the caller and never allocates.
 *
 * <p>On the boot class path, so it depends on {@code java.base} only.
 */
package io.github.kafkalatency.probe;
