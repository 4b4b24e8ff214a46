/**
 * The broker A/B overhead benchmark ({@code scripts/bench.sh}): brokers with and without the agent,
 * pinned loads, CPU per record from {@code /proc}, heap, start-up, spread and plots.
 */
package io.github.kafkalatency.examples.bench.broker;
