package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a broker's CPU went on, from the {@code jdk.ExecutionSample} events of a JFR recording (what
 * {@code jfr print --events jdk.ExecutionSample} prints, summarised), split into start-up (before
 * the load) and the load: the top frames, the share of samples with an agent frame ({@code
 * io.github.kafkalatency…}, inlined frames included) anywhere on the stack, and those samples by
 * thread and agent frame.
 */
final class ProfileSummary {
  private ProfileSummary() {}

  private static final class Phase {
    final String name;
    final Map<String, Integer> leaves = new HashMap<>();
    final Map<String, Integer> agent = new HashMap<>();
    long samples;
    long withAgent;

    Phase(String name) {
      this.name = name;
    }
  }

  static String summarise(Path recording, Instant loadFrom, Instant loadTo, int top)
      throws IOException {
    Phase startup = new Phase("start-up and topic creation");
    Phase load = new Phase("load");
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      Phase phase =
          e.getStartTime().isBefore(loadFrom)
              ? startup
              : e.getStartTime().isAfter(loadTo) ? null : load;
      RecordedStackTrace st = e.getStackTrace();
      if (phase == null || st == null || st.getFrames().isEmpty()) {
        continue;
      }
      phase.samples++;
      List<RecordedFrame> frames = st.getFrames();
      phase.leaves.merge(name(frames.get(0)), 1, Integer::sum);
      for (RecordedFrame f : frames) {
        if (f.getMethod() != null
            && f.getMethod().getType().getName().startsWith(HeapProbe.AGENT_PREFIX)) {
          phase.withAgent++;
          String thread =
              e.getThread("sampledThread") == null
                  ? "?"
                  : e.getThread("sampledThread").getJavaName();
          phase.agent.merge(threadGroup(thread) + ": " + name(f), 1, Integer::sum);
          break;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Phase p : List.of(startup, load)) {
      out.add(
          String.format(
              Locale.ROOT,
              "  %s: %d execution samples, %d (%.1f%%) with an agent frame on the stack",
              p.name,
              p.samples,
              p.withAgent,
              p.samples == 0 ? 0.0 : 100.0 * p.withAgent / p.samples));
      out.add("    top frames: " + top(p.leaves, p.samples, top));
      if (p.withAgent > 0) {
        out.add("    agent samples by thread and agent frame: " + top(p.agent, p.samples, top));
      }
    }
    return String.join("\n", out);
  }

  private static String top(Map<String, Integer> counts, long samples, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .map(
            x ->
                String.format(Locale.ROOT, "%s %.1f%%", x.getKey(), 100.0 * x.getValue() / samples))
        .collect(Collectors.joining(", "));
  }

  /**
   * {@code data-plane-kafka-request-handler-3} becomes {@code data-plane-kafka-request-handler-N}.
   */
  private static String threadGroup(String thread) {
    return thread == null ? "?" : thread.replaceAll("\\d+", "N");
  }

  private static String name(RecordedFrame f) {
    if (f.getMethod() == null) {
      return "?";
    }
    String type = f.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
  }
}
