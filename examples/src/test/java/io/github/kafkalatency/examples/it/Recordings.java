package io.github.kafkalatency.examples.it;

import io.github.kafkalatency.jfr.EventSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads the agent's events back from a broker's JFR recording. */
final class Recordings {
  static final String NAMESPACE = EventSchema.NAMESPACE;

  private Recordings() {}

  static List<RecordedEvent> agentEvents(Path jfr, String type) throws IOException {
    return RecordingFile.readAllEvents(jfr).stream()
        .filter(e -> e.getEventType().getName().equals(NAMESPACE + type))
        .collect(Collectors.toList());
  }

  /** Sum of the {@code count} field of PartitionLatency events for one partition and metric. */
  static long count(List<RecordedEvent> latencyEvents, String topic, int partition, String metric) {
    return latencyEvents.stream()
        .filter(
            e ->
                topic.equals(e.getString("topic"))
                    && e.getInt("partition") == partition
                    && metric.equals(e.getString("metric")))
        .mapToLong(e -> e.getLong("count"))
        .sum();
  }
}
