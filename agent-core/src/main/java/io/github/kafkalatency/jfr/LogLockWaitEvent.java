package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_LOCK_WAIT)
@Label("Log Lock Wait")
@Category({"Kafka", "Log Lock"})
@Description(
    "A wait to enter a partition's log lock (UnifiedLog.lock), with its root: the thread whose hold"
        + " covered most of the wait, found after the fact, not merely the previous owner nor the"
        + " holder at arrival. The event thread is the agent's aggregator; the waiter is a field")
@StackTrace(false)
@Threshold("0 ms")
final class LogLockWaitEvent extends jdk.jfr.Event {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Site")
  @Description("Where the waiter was entering the lock, such as append or roll")
  String site;

  @Label("Waiter")
  @Description("The thread that waited")
  Thread waiter;

  @Label("Root Holder")
  @Description(
      "The thread whose hold (over thresholdMs) covered most of the wait; empty when none did:"
          + " the waiter queued behind shorter holds")
  Thread rootHolder;

  @Label("Root Holder Covered")
  @Description("How much of the wait the root holder's hold covered")
  @Timespan(Timespan.NANOSECONDS)
  long rootHolderCovered;

  @Label("Root Held At Arrival")
  @Description("Whether the root holder also held the lock when the waiter arrived")
  boolean rootHeldAtArrival;

  @Label("Root Holder Waited")
  @Description(
      "A chain: how long the root holder had itself waited for the lock before its hold; 0 if not")
  @Timespan(Timespan.NANOSECONDS)
  long rootHolderWaited;

  @Label("Root Holder Waited Behind")
  @Description("The thread whose hold covered most of the root holder's own wait")
  Thread rootHolderWaitedBehind;

  @Label("Root Holder Site")
  String rootHolderSite;

  @Label("Root Holder Operation")
  @Description(
      "The slowest file operation the root holder did during its hold (write, force,"
          + " transferTo, read); empty if none")
  String rootHolderOperation;

  @Label("Root Holder File")
  String rootHolderFile;

  @Label("Root Holder Operation Time")
  @Timespan(Timespan.NANOSECONDS)
  long rootHolderOperationTime;
}
