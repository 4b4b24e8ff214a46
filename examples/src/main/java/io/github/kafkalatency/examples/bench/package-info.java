/**
 * JMH benchmarks of the probes' cost per append ({@code scripts/bench-probes.sh}), against a
 * stand-in {@code kafka.log.UnifiedLog} instrumented exactly as a broker's is.
 */
package io.github.kafkalatency.examples.bench;
