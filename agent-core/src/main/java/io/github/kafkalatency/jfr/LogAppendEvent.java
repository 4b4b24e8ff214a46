package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_APPEND)
@Label("Log Append")
@Category({"Kafka", "Log"})
@Description(
    "A UnifiedLog.append slower than the threshold: validation, the log lock, the segment write")
@StackTrace(false)
@Threshold("0 ms")
final class LogAppendEvent extends jdk.jfr.Event {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Records")
  long records;

  @Label("Bytes")
  @DataAmount
  long bytes;
}
