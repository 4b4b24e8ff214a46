package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_FILE_OPERATION)
@Label("Log File Operation")
@Category({"Kafka", "File I/O"})
@Description(
    "A FileChannel write, force, transferTo (sendfile) or read on a file under the broker's"
        + " log dirs, slower than the threshold")
@StackTrace(false)
@Threshold("0 ms")
final class LogFileOperationEvent extends jdk.jfr.Event {
  @Label("Operation")
  @Description("write, force, transferTo or read")
  String operation;

  @Label("Topic")
  String topic;

  @Label("Partition")
  @Description("-1 for files at the top of a log dir, such as checkpoints")
  int partition;

  @Label("File")
  @Description("The file, relative to its log dir")
  String file;

  @Label("Log Dir")
  String logDir;

  @Label("Bytes")
  @DataAmount
  long bytes;

  @Label("Under Log Lock")
  @Description("Whether the thread held a partition's log lock during the operation")
  boolean underLogLock;

  @Label("Overlapping Thread")
  @Description(
      "For a write: another thread whose read or transferTo of the same file overlapped it")
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

  @Label("Kernel Wait Site")
  @Description(
      "Where in the kernel the stuck thread waited, read from /proc/self/task/<tid>/wchan (and the"
          + " top of its stack when readable, as root) while the operation ran; empty if not read")
  String kernelWaitSite;

  @Label("Base Offset")
  @Description(
      "For a write inside an append: the offset of the first record written (the batch's base"
          + " offset, for kafka-dump-log.sh or a consumer seeking there); -1 otherwise")
  long baseOffset;

  @Label("Records")
  @Description("For a write inside an append: how many records it wrote; 0 otherwise")
  long records;

  @Label("Hint")
  @Description(
      "For a slow write or fsync under the log lock: a remedy and the measured facts that triggered"
          + " it; empty when no rule's evidence was met")
  String hint;
}
