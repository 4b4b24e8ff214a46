package io.github.kafkalatency.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The events of one slow window that its timeline draws, and the threads they happened on.
 *
 * <p>Usage: {@code TimelineEvents.in(window, recording)}. A cascade belongs to its holder's lane
 * (the event itself is committed by the agent's aggregator thread).
 */
record TimelineEvents(
    List<RecordedStall> stalls,
    List<RecordedCascade> cascades,
    List<RecordedLockHold> holds,
    List<RecordedLockWait> waits,
    List<RecordedFileOp> fileOps,
    List<RecordedProduceRequest> requests) {

  static TimelineEvents in(SlowWindow w, AgentRecording r) {
    return new TimelineEvents(
        keep(r.stalls(), w),
        keep(r.cascades(), w),
        keep(r.holds(), w),
        keep(r.waits(), w),
        keep(r.fileOps(), w),
        keep(r.produceRequests(), w));
  }

  List<String> threads() {
    List<String> t = new ArrayList<>();
    cascades.forEach(c -> t.add(c.holder()));
    holds.forEach(h -> t.add(h.thread()));
    waits.forEach(x -> t.add(x.thread()));
    fileOps.forEach(f -> t.add(f.thread()));
    requests.forEach(p -> t.add(p.thread()));
    return t;
  }

  private static <T extends Timed> List<T> keep(List<T> events, SlowWindow w) {
    return events.stream().filter(e -> e.overlaps(w.from(), w.to())).collect(Collectors.toList());
  }
}
