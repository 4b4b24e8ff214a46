package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_DIR_STALL)
@Label("Log Dir Stall")
@Category({"Kafka", "File I/O"})
@Description("Slow writes or fsyncs on several partitions of one log dir at overlapping times: the"
    + " disk or its journal stalled, not one hot partition. The event spans the window")
@StackTrace(false)
@Threshold("0 ms")
final class LogDirStallEvent extends jdk.jfr.Event {
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

  @Label("JVM Pause")
  @Description("The GC pause or safepoint that overlapped this the longest; the cause only when the verdict says so")
  String jvmPause;

  @Label("JVM Pause Overlap")
  @Timespan(Timespan.NANOSECONDS)
  long jvmPauseOverlap;

  @Label("JVM Pause Share")
  @Description("The share of this the JVM pause covered; 0.5 or more makes the JVM the verdict")
  @Percentage
  double jvmPauseShare;

  @Label("Verdict")
  @Description("What this is blamed on and why: the disk or file system, the JVM (a pause covering at least"
      + " half of it) or the holder; a pause covering less is named with its share")
  String verdict;

  @Label("Kernel Wait Site")
  @Description("Where in the kernel the stuck thread waited, read from /proc/self/task/<tid>/wchan (and the"
      + " top of its stack when readable, as root) while the operation ran; empty if not read")
  String kernelWaitSite;

  @Label("Hint")
  @Description("A remedy and the measured facts that triggered it; empty when no rule's evidence was met")
  String hint;
}
