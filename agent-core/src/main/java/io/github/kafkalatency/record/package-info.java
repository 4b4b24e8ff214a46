/**
 * Stage 3 of the data path: per-thread probe state, per-lock holder state, per topic-partition
 * interval histograms, and the detectors of cascades, log-dir stalls and I/O overlap.
 *
 * <p>Threads, in two halves. The probe side ({@link io.github.kafkalatency.record.ProbeRecorder},
 * {@link io.github.kafkalatency.record.ThreadProbe}, {@link
 * io.github.kafkalatency.record.EventRing}) runs on Kafka's threads, partly under the log lock:
 * there it takes one clock reading and makes plain stores and ring pushes; slow events found under
 * the lock are handed on after release. The other half ({@link
 * io.github.kafkalatency.record.Aggregator} and everything it calls: histograms, trackers,
 * detectors) runs on the agent's one aggregator thread, which drains the rings and owns all mutable
 * histogram state. Pure Java: unit-tested without a broker or an agent.
 */
package io.github.kafkalatency.record;
