package io.github.kafkalatency.report;

import java.time.Instant;
import java.util.List;

/**
 * A {@code kafkalatency.IncidentInProgress}: a cascade or stall still going on when the agent
 * reported it, spanning from its stuck operation's start to the report; {@code ended} on its last
 * update. Cascades name their holder and lock ({@code partition}), stalls their log dir.
 *
 * <p>Usage: read by {@link EventMapper}; {@link #key()} is the same for every update of one
 * incident.
 */
record RecordedInProgress(
    Instant start,
    long nanos,
    String kind,
    int update,
    boolean ended,
    String partition,
    String logDir,
    String holder,
    String operation,
    String operationFile,
    int waiters,
    List<String> waiterThreads,
    List<String> partitions,
    List<String> threads)
    implements Timed {

  String key() {
    return kind + " " + (kind.equals("stall") ? logDir : partition + " " + holder);
  }
}
