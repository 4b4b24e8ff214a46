package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_LOCK_CASCADE)
@Label("Log Lock Cascade")
@Category({"Kafka", "Log Lock"})
@Description(
    "The root of a lock cascade: a hold of a partition's log lock longer than the threshold, the"
        + " slowest file operation inside it, and the threads whose waits it covered the most of."
        + " The event spans the hold")
@StackTrace(false)
@Threshold("0 ms")
final class LogLockCascadeEvent extends DiagnosedEvent {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Holder")
  @Description("The thread that held the lock")
  Thread holder;

  @Label("Holder Site")
  String holderSite;

  @Label("Operation")
  @Description(
      "The slowest file operation inside the hold: write, force, transferTo or read; empty if none")
  String operation;

  @Label("Operation File")
  String operationFile;

  @Label("Operation Time")
  @Timespan(Timespan.NANOSECONDS)
  long operationTime;

  @Label("Operation Bytes")
  @DataAmount
  long operationBytes;

  @Label("Waiters")
  @Description("Threads that arrived during the hold and waited for the lock")
  int waiters;

  @Label("Total Wait")
  @Timespan(Timespan.NANOSECONDS)
  long totalWait;

  @Label("Maximum Wait")
  @Timespan(Timespan.NANOSECONDS)
  long maxWait;

  @Label("Waiter Threads")
  @Description("The first few waiters' names")
  String waiterThreads;

  @Label("Waiters Arrived Behind Another")
  @Description(
      "Waiters that arrived while another thread held the lock briefly; this hold still covered"
          + " most of their wait")
  int waitersArrivedBehindOther;

  @Label("Holder Waited")
  @Description(
      "A chain: how long the holder had itself waited for the lock before this hold; 0 if not")
  @Timespan(Timespan.NANOSECONDS)
  long holderWaited;

  @Label("Holder Waited Behind")
  @Description("The thread whose hold covered most of the holder's own wait")
  Thread holderWaitedBehind;

  @Label("Overlapping Thread")
  @Description("Another thread whose read or transferTo of the same file overlapped the slow write")
  Thread overlappingThread;

  @Label("Overlapping Operation")
  String overlappingOperation;

  @Label("Overlapping Bytes")
  @DataAmount
  long overlappingBytes;

  @Label("Overlapping Position")
  long overlappingPosition;

  @Label("Overlap")
  @Timespan(Timespan.NANOSECONDS)
  long overlap;
}
