package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.PARTITION_LATENCY)
@Label("Partition Latency")
@Category({"Kafka", "Interval"})
@Description(
    "One metric of one topic-partition over one interval: count and percentiles."
        + " Partition -1 with topic '*' is the broker-wide figure")
@StackTrace(false)
final class PartitionLatencyEvent extends jdk.jfr.Event {
  @Label("Topic")
  String topic;

  @Label("Partition")
  int partition;

  @Label("Metric")
  @Description(
      "append, lock-wait, lock-hold, partition-lock-wait, write, force, transferTo or read")
  String metric;

  @Label("Count")
  long count;

  @Label("p50")
  @Timespan(Timespan.NANOSECONDS)
  long p50;

  @Label("p99")
  @Timespan(Timespan.NANOSECONDS)
  long p99;

  @Label("p99.9")
  @Timespan(Timespan.NANOSECONDS)
  long p999;

  @Label("Maximum")
  @Timespan(Timespan.NANOSECONDS)
  long max;

  @Label("Records")
  @Description("Records appended in the interval (append metric only)")
  long records;

  @Label("Bytes")
  @Description("Bytes appended in the interval (append metric only)")
  @DataAmount
  long bytes;

  @Label("Interval")
  @Timespan(Timespan.MILLISECONDS)
  long interval;
}
