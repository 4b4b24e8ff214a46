package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

@Name(EventSchema.NAMESPACE + EventSchema.LOG_LOCK_HOLD)
@Label("Log Lock Hold")
@Category({"Kafka", "Log Lock"})
@Description("A hold of a partition's log lock (UnifiedLog.lock) longer than the threshold")
@StackTrace(false)
@Threshold("0 ms")
final class LogLockHoldEvent extends jdk.jfr.Event {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Site")
  @Description("Where the lock was entered, such as append or roll")
  String site;
}
