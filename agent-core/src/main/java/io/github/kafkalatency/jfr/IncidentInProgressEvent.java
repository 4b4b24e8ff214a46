package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

@Name(EventSchema.NAMESPACE + EventSchema.INCIDENT_IN_PROGRESS)
@Label("Incident In Progress")
@Category({"Kafka", "Log Lock"})
@Description(
    "A cascade or log dir stall still going on: a log-file operation stuck in the kernel for over a"
        + " second under a log lock that other threads queue on, or stuck writes on several"
        + " partitions of one log dir. Emitted when first seen, every second while it lasts and"
        + " once with ended=true; the complete LogLockCascade or LogDirStall follows. The event"
        + " spans the incident so far, from the start of the stuck operation")
@StackTrace(false)
@Threshold("0 ms")
final class IncidentInProgressEvent extends jdk.jfr.Event {
  @Label("Kind")
  @Description("cascade or stall")
  String kind;

  @Label("Update")
  @Description("1 for the first report of this incident, then 2, 3, ...")
  int update;

  @Label("Ended")
  @Description("The incident is no longer seen: this is its last update")
  boolean ended;

  @Label("Log Dir")
  String logDir;

  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Holder")
  @Description("The thread holding the log lock, inside the stuck operation (cascade)")
  Thread holder;

  @Label("Holder Site")
  String holderSite;

  @Label("Operation")
  @Description("The stuck file operation: write, force, transferTo or read")
  String operation;

  @Label("Operation File")
  String operationFile;

  @Label("Waiters")
  @Description("Threads queued on the lock now (cascade)")
  int waiters;

  @Label("Waiter Threads")
  @Description("The first few waiters' names")
  String waiterThreads;

  @Label("Partitions")
  @Description("The partitions with a stuck operation, comma-separated")
  String partitions;

  @Label("Threads")
  @Description("The threads stuck in the operation, comma-separated")
  String threads;
}
