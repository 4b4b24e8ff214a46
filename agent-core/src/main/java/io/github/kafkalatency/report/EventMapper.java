package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Turns the agent's JFR events into the report's records, one method per event type.
 *
 * <p>Usage: {@code EventMapper.cascade(event)}; {@link RecordingReader} picks the method by the
 * event's name. Every field is read through {@link Fields}, so that a recording made by an older or
 * newer agent still reads.
 */
final class EventMapper {
  private static final String THREAD = EventSchema.EVENT_THREAD;

  private EventMapper() {}

  static RecordedCascade cascade(RecordedEvent e) {
    return new RecordedCascade(
        e.getStartTime(),
        nanos(e),
        partition(e),
        Fields.thread(e, "holder"),
        Fields.string(e, "holderSite"),
        blankToNull(Fields.string(e, "operation")),
        Fields.string(e, "operationFile"),
        Fields.nanos(e, "operationTime", 0),
        Fields.number(e, "operationBytes", 0),
        (int) Fields.number(e, "waiters", 0),
        Fields.nanos(e, "totalWait", 0),
        Fields.nanos(e, "maxWait", 0),
        Fields.string(e, "waiterThreads"),
        Fields.thread(e, "overlappingThread"),
        Fields.string(e, "overlappingOperation"),
        blankToNull(Fields.string(e, "jvmPause")),
        Fields.nanos(e, "jvmPauseOverlap", 0),
        blankToNull(Fields.string(e, "verdict")),
        blankToNull(Fields.string(e, "kernelWaitSite")),
        blankToNull(Fields.string(e, "hint")));
  }

  static RecordedStall stall(RecordedEvent e) {
    return new RecordedStall(
        e.getStartTime(),
        nanos(e),
        Fields.string(e, "logDir"),
        Fields.list(e, "partitions"),
        Fields.list(e, "threads"),
        (int) Fields.number(e, "operations", 0),
        Fields.nanos(e, "maxOperation", 0),
        blankToNull(Fields.string(e, "jvmPause")),
        blankToNull(Fields.string(e, "verdict")),
        blankToNull(Fields.string(e, "kernelWaitSite")),
        blankToNull(Fields.string(e, "hint")));
  }

  static RecordedLockWait lockWait(RecordedEvent e) {
    // From agents with a waiter field, the event thread is the aggregator that found the root.
    String waiter = e.hasField("waiter") ? Fields.thread(e, "waiter") : Fields.thread(e, THREAD);
    return new RecordedLockWait(
        e.getStartTime(),
        nanos(e),
        waiter,
        partition(e),
        Fields.string(e, "site"),
        Fields.thread(e, "rootHolder"),
        blankToNull(Fields.string(e, "rootHolderOperation")),
        Fields.string(e, "rootHolderFile"),
        Fields.nanos(e, "rootHolderOperationTime", 0));
  }

  static RecordedLockHold lockHold(RecordedEvent e) {
    return new RecordedLockHold(
        e.getStartTime(),
        nanos(e),
        Fields.thread(e, THREAD),
        partition(e),
        Fields.string(e, "site"));
  }

  static RecordedFileOp fileOp(RecordedEvent e) {
    return new RecordedFileOp(
        e.getStartTime(),
        nanos(e),
        Fields.thread(e, THREAD),
        Fields.string(e, "operation"),
        partition(e),
        Fields.string(e, "file"),
        Fields.number(e, "bytes", 0),
        Fields.flag(e, "underLogLock"),
        Fields.thread(e, "overlappingThread"),
        Fields.string(e, "overlappingOperation"),
        blankToNull(Fields.string(e, "kernelWaitSite")),
        Fields.number(e, "baseOffset", -1),
        Fields.number(e, "records", 0),
        blankToNull(Fields.string(e, "hint")));
  }

  /** The event spans the request; a {@code totalTime} field, where a version has one, wins. */
  static RecordedProduceRequest produceRequest(RecordedEvent e) {
    List<String> partitions =
        Fields.list(e, "topicPartitions").stream()
            .map(tp -> tp.contains(":") ? tp.substring(0, tp.lastIndexOf(':')) : tp)
            .collect(Collectors.toUnmodifiableList());
    return new RecordedProduceRequest(
        e.getStartTime(),
        Fields.nanos(e, "totalTime", nanos(e)),
        Fields.thread(e, THREAD),
        Fields.string(e, "clientId"),
        Fields.number(e, "correlationId", -1),
        blankToNull(Fields.string(e, "dominantCause")),
        partitions,
        Fields.nanos(e, "requestQueueTime", -1),
        Fields.nanos(e, "localTime", -1),
        Fields.nanos(e, "remoteTime", -1),
        Fields.nanos(e, "lockWaitTime", -1),
        Fields.nanos(e, "writeTime", -1));
  }

  static RecordedInterval intervalLatency(RecordedEvent e) {
    return new RecordedInterval(
        e.getStartTime(),
        nanos(e),
        partition(e),
        Fields.string(e, "metric"),
        Fields.number(e, "count", 0),
        Fields.nanos(e, "p50", 0),
        Fields.nanos(e, "p99", 0),
        Fields.nanos(e, "p999", 0),
        Fields.nanos(e, "max", 0));
  }

  static RecordedInProgress inProgress(RecordedEvent e) {
    return new RecordedInProgress(
        e.getStartTime(),
        nanos(e),
        Fields.string(e, "kind"),
        (int) Fields.number(e, "update", 0),
        Fields.flag(e, "ended"),
        partition(e),
        Fields.string(e, "logDir"),
        Fields.thread(e, "holder"),
        blankToNull(Fields.string(e, "operation")),
        Fields.string(e, "operationFile"),
        (int) Fields.number(e, "waiters", 0),
        Fields.list(e, "waiterThreads"),
        Fields.list(e, "partitions"),
        Fields.list(e, "threads"));
  }

  private static long nanos(RecordedEvent e) {
    Duration d = e.getDuration();
    return d.isNegative() ? 0 : d.toNanos();
  }

  private static String partition(RecordedEvent e) {
    return PartitionNames.name(Fields.string(e, "topic"), (int) Fields.number(e, "partition", -1));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
