package io.github.kafkalatency.report;

import java.time.Instant;

/**
 * A {@code kafkalatency.LogLockHold}: {@code thread} held a partition's log lock at {@code site}.
 *
 * <p>Usage: read by {@link EventMapper}; drawn on the holder's lane of the HTML timeline.
 */
record RecordedLockHold(Instant start, long nanos, String thread, String partition, String site)
    implements Timed {}
