package io.github.kafkalatency.report;

import java.time.Instant;

/**
 * A {@code kafkalatency.LogLockWait}: {@code thread} waited for a partition's log lock; {@code
 * rootHolder}'s hold covered most of the wait (from older agents: held it at arrival).
 *
 * <p>Usage: read by {@link EventMapper}; matched to its cascade by {@link CascadeWaiters}.
 */
record RecordedLockWait(
    Instant start,
    long nanos,
    String thread,
    String partition,
    String site,
    String rootHolder,
    String rootHolderOperation,
    String rootHolderFile,
    long rootHolderOperationNanos)
    implements Timed {}
