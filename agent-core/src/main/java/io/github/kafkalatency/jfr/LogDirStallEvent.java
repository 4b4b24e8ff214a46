package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_DIR_STALL)
@Label("Log Dir Stall")
@Category({"Kafka", "File I/O"})
@Description(
    "Slow writes or fsyncs on several partitions of one log dir at overlapping times: the"
        + " disk or its journal stalled, not one hot partition. The event spans the window")
@StackTrace(false)
@Threshold("0 ms")
final class LogDirStallEvent extends DiagnosedEvent {
  @Label("Log Dir")
  String logDir;

  @Label("Partitions")
  @Description("The partitions whose writes were stuck, comma-separated")
  String partitions;

  @Label("Partition Count")
  int partitionCount;

  @Label("Threads")
  @Description("The threads that were stuck, comma-separated")
  String threads;

  @Label("Operations")
  int operations;

  @Label("Longest Operation")
  @Timespan(Timespan.NANOSECONDS)
  long maxOperation;
}
