package io.github.kafkalatency.report;

import java.time.Instant;

/**
 * A {@code kafkalatency.PartitionLatency}: one metric of one partition (or broker-wide) over one
 * interval, as HdrHistogram percentiles.
 *
 * <p>Usage: read by {@link EventMapper}; summed over a window by {@link PartitionPercentiles}.
 */
record RecordedInterval(
    Instant start,
    long nanos,
    String partition,
    String metric,
    long count,
    long p50,
    long p99,
    long p999,
    long max)
    implements Timed {}
