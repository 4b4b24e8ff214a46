package io.github.kafkalatency.report;

import java.time.Instant;
import java.util.List;

/**
 * A {@code kafkalatency.RecordedProduceRequest}: one slow produce request, from arrival to the end
 * of its response, and the part of its time that explains it best.
 *
 * <p>Usage: read by {@link EventMapper}. Breakdown times are -1 where the recording's version of
 * the event has no such field.
 */
record RecordedProduceRequest(
    Instant start,
    long nanos,
    String thread,
    String clientId,
    long correlationId,
    String dominantCause,
    List<String> partitions,
    long queueNanos,
    long localNanos,
    long remoteNanos,
    long lockWaitNanos,
    long writeNanos)
    implements Timed {}
