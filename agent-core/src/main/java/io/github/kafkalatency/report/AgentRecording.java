package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The agent's events read from one recording, in recording order.
 *
 * <p>Usage: {@code RecordingReader.read(path)}, then {@code selection.apply(recording)} for a
 * window or a partition. {@code first}/{@code last} bound every event of the recording (the JDK's
 * too), so that times of day can be placed on the recording's day; {@code eventTypes} are the event
 * names the recording declares, events or not; {@code damage} says where a truncated or damaged
 * recording stopped being readable, or is null.
 */
record AgentRecording(
    Path file,
    Instant first,
    Instant last,
    Set<String> eventTypes,
    List<RecordedCascade> cascades,
    List<RecordedStall> stalls,
    List<RecordedLockWait> waits,
    List<RecordedLockHold> holds,
    List<RecordedFileOp> fileOps,
    List<RecordedProduceRequest> produceRequests,
    List<RecordedInterval> intervals,
    String damage) {

  static final String PRODUCE_REQUEST = EventSchema.NAMESPACE + EventSchema.PRODUCE_REQUEST;

  int agentEvents() {
    return cascades.size()
        + stalls.size()
        + waits.size()
        + holds.size()
        + fileOps.size()
        + produceRequests.size()
        + intervals.size();
  }

  boolean declares(String eventName) {
    return eventTypes.contains(eventName);
  }

  AgentRecording with(
      List<RecordedCascade> c,
      List<RecordedStall> s,
      List<RecordedLockWait> w,
      List<RecordedLockHold> h,
      List<RecordedFileOp> f,
      List<RecordedProduceRequest> p,
      List<RecordedInterval> i) {
    return new AgentRecording(file, first, last, eventTypes, c, s, w, h, f, p, i, damage);
  }
}
