package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The slowest produce requests ({@code kafkalatency.RecordedProduceRequest}) with their dominant
 * cause and Kafka's own time breakdown.
 *
 * <p>Usage: {@code ProduceSection.lines(recording, top, timeFormat)}. Agents before the event
 * existed leave it out of the recording; the section then says so instead of "none", so that nobody
 * reads "no slow requests" into it.
 */
final class ProduceSection {
  private ProduceSection() {}

  static List<String> lines(AgentRecording r, int top, TimeFormat tf) {
    String title = "Slowest produce requests (" + r.produceRequests().size();
    if (!r.declares(AgentRecording.PRODUCE_REQUEST) && r.produceRequests().isEmpty()) {
      return List.of(
          "Slowest produce requests: not in this recording (no "
              + AgentRecording.PRODUCE_REQUEST
              + " events: the agent that made it does not record them)");
    }
    List<RecordedProduceRequest> slowest =
        r.produceRequests().stream()
            .sorted(Comparator.comparingLong(RecordedProduceRequest::nanos).reversed())
            .limit(top)
            .collect(Collectors.toList());
    title += Sections.shown(slowest.size(), r.produceRequests().size()) + ", slowest first)";
    if (slowest.isEmpty()) {
      return Sections.none(title);
    }
    TextTable t =
        new TextTable(
            "start",
            ">total",
            "dominant cause",
            "client",
            ">correlation",
            ">queue",
            ">local",
            ">remote",
            ">lock wait",
            ">write",
            "thread",
            "partitions");
    for (RecordedProduceRequest p : slowest) {
      t.row(
          tf.time(p.start()),
          Durations.format(p.nanos()),
          p.dominantCause(),
          p.clientId(),
          p.correlationId() < 0 ? "" : p.correlationId(),
          time(p.queueNanos()),
          time(p.localNanos()),
          time(p.remoteNanos()),
          time(p.lockWaitNanos()),
          time(p.writeNanos()),
          p.thread(),
          String.join(", ", p.partitions()));
    }
    return Sections.table(title, t);
  }

  private static String time(long nanos) {
    return nanos < 0 ? "" : Durations.format(nanos);
  }
}
