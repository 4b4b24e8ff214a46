package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

@Name(EventSchema.NAMESPACE + EventSchema.PARTITION_LOCK_WAIT)
@Label("Partition Lock Wait")
@Category({"Kafka", "Partition Lock"})
@Description(
    "A wait for the read side of Partition.leaderIsrUpdateLock before an append:"
        + " a writer (leader or ISR change) was holding it")
@StackTrace(false)
@Threshold("0 ms")
final class PartitionLockWaitEvent extends jdk.jfr.Event {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;
}
