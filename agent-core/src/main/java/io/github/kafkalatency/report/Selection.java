package io.github.kafkalatency.report;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What part of a recording to report: a time window and one partition, each optional.
 *
 * <p>Usage: {@code new Selection(from, to, "demo-3").apply(recording)}. An event is in the window
 * if any part of it is; a stall or a produce request is in the partition if the partition is one of
 * its own. The broker-wide interval figures belong to no partition.
 */
record Selection(Instant from, Instant to, String partition) {

  AgentRecording apply(AgentRecording r) {
    return r.with(
        keep(r.cascades(), c -> in(c.partition())),
        keep(r.stalls(), s -> partition == null || s.partitions().contains(partition)),
        keep(r.waits(), w -> in(w.partition())),
        keep(r.holds(), h -> in(h.partition())),
        keep(r.fileOps(), f -> in(f.partition())),
        keep(r.produceRequests(), p -> partition == null || p.partitions().contains(partition)),
        keep(r.intervals(), i -> in(i.partition())));
  }

  boolean everything() {
    return from == null && to == null && partition == null;
  }

  private boolean in(String eventPartition) {
    return partition == null || partition.equals(eventPartition);
  }

  private <T extends Timed> List<T> keep(List<T> events, Predicate<T> partitionTest) {
    return events.stream()
        .filter(e -> e.overlaps(from, to) && partitionTest.test(e))
        .collect(Collectors.toUnmodifiableList());
  }
}
