package io.github.kafkalatency.emit;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(Events.NAMESPACE + "LogLockWait")
@Label("Log Lock Wait")
@Category({"Kafka", "Log Lock"})
@Description("A wait to enter a partition's log lock (UnifiedLog.lock), with the thread that held it"
    + " when this one arrived - the root of the wait, not merely the previous owner")
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

  @Label("Root Holder")
  @Description("The thread that held the lock when the waiter arrived")
  Thread rootHolder;

  @Label("Root Holder Site")
  String rootHolderSite;

  @Label("Root Holder Operation")
  @Description("The slowest file operation the root holder did during its hold (write, force,"
      + " transferTo, read); empty if none")
  String rootHolderOperation;

  @Label("Root Holder File")
  String rootHolderFile;

  @Label("Root Holder Operation Time")
  @Timespan(Timespan.NANOSECONDS)
  long rootHolderOperationTime;
}
