package io.github.kafkalatency.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Feeds {@link JvmPauses} from the JDK's own GC pause and safepoint events, streamed in-process
 * with a {@link RecordingStream} that enables only those two event types (and explicitly not the
 * agent's own, which are enabled by default in any recording that does not name them).
 *
 * <p>Usage: {@code JvmPauseStream.start(pauses, agentEventNames)}; {@link #close()} at shutdown.
 * Events arrive about a second late (JFR flushes once a second), which is why incidents are held
 * open for a grace period before they are reported.
 */
public final class JvmPauseStream implements AutoCloseable {
  private static final Duration MIN_PAUSE = Duration.ofMillis(5);

  private final RecordingStream stream;

  private JvmPauseStream(RecordingStream stream) {
    this.stream = stream;
  }

  public static JvmPauseStream start(JvmPauses pauses, List<String> agentEventNames) {
    RecordingStream rs = new RecordingStream();
    rs.enable("jdk.GCPhasePause").withThreshold(MIN_PAUSE);
    rs.enable("jdk.SafepointBegin").withThreshold(MIN_PAUSE);
    for (String name : agentEventNames) {
      rs.disable(name);
    }
    rs.setMaxAge(Duration.ofSeconds(30));
    long wallMinusNanos = wallNanos(Instant.now()) - System.nanoTime();
    rs.onEvent("jdk.GCPhasePause", e -> add(pauses, e, "GC pause (" + e.getString("name") + ")", wallMinusNanos));
    rs.onEvent("jdk.SafepointBegin", e -> add(pauses, e, "safepoint", wallMinusNanos));
    rs.startAsync();
    return new JvmPauseStream(rs);
  }

  private static void add(JvmPauses pauses, RecordedEvent e, String cause, long wallMinusNanos) {
    long start = wallNanos(e.getStartTime()) - wallMinusNanos;
    pauses.add(start, start + e.getDuration().toNanos(), cause);
  }

  private static long wallNanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Override
  public void close() {
    stream.close();
  }
}
