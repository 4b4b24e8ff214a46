package io.github.kafkalatency.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

@Name(EventSchema.NAMESPACE + EventSchema.PRODUCE_REQUEST)
@Label("Produce Request")
@Category({"Kafka", "Request"})
@Description(
    "A produce request slower than the threshold, with Kafka's own time breakdown (as in"
        + " RequestMetrics) and, inside local time, how long its appends waited for locks and"
        + " wrote. The event spans the request, from its arrival to the end of its response")
@StackTrace(false)
@Threshold("0 ms")
final class ProduceRequestEvent extends jdk.jfr.Event {
  @Label("Client Id")
  String clientId;

  @Label("Correlation Id")
  int correlationId;

  @Label("API Version")
  int apiVersion;

  @Label("Acks")
  int acks;

  @Label("Listener")
  String listener;

  @Label("Security Protocol")
  String securityProtocol;

  @Label("Topic Partitions")
  @Description("topic-partition:bytes appended, comma-separated")
  String topicPartitions;

  @Label("Bytes")
  @DataAmount
  long bytes;

  @Label("Dominant Cause")
  @Description(
      "queue (handlers saturated), lock-wait, write, remote (waiting for acks=all) or other")
  String dominantCause;

  @Label("Request Queue Time")
  @Timespan(Timespan.NANOSECONDS)
  long requestQueueTime;

  @Label("Local Time")
  @Timespan(Timespan.NANOSECONDS)
  long localTime;

  @Label("Remote Time")
  @Timespan(Timespan.NANOSECONDS)
  long remoteTime;

  @Label("Response Queue Time")
  @Timespan(Timespan.NANOSECONDS)
  long responseQueueTime;

  @Label("Response Send Time")
  @Timespan(Timespan.NANOSECONDS)
  long responseSendTime;

  @Label("Lock Wait Time")
  @Description(
      "Part of local time: waits for log locks and partition locks by this request's appends")
  @Timespan(Timespan.NANOSECONDS)
  long lockWaitTime;

  @Label("Write Time")
  @Description("Part of local time: FileChannel writes by this request's appends")
  @Timespan(Timespan.NANOSECONDS)
  long writeTime;
}
