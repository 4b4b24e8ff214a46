package io.github.kafkalatency.record;

import java.time.Duration;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Feeds {@link JvmPauses} from the JDK's own GC pause and safepoint events, streamed in-process
 * with a {@link RecordingStream} that enables those two event types.
 *
 * <p>The stream says nothing about the agent's own events on purpose: JFR merges the settings of
 * all running recordings, and a recording that names an event overrides those that do not, so
 * disabling them here would disable them in the operator's recording too. Left unnamed, they keep
 * their defaults; the cost is that, while this stream runs, they are written to JFR's repository
 * (bounded by the stream's maximum age) even when no other recording is running.
 *
 * <p>Usage: {@code JvmPauseStream.start(pauses)}; {@link #close()} at shutdown.
 * Events arrive about a second late (JFR flushes once a second), which is why incidents are held
 * open for a grace period before they are reported.
 */
public final class JvmPauseStream implements AutoCloseable {
  private static final Duration MIN_PAUSE = Duration.ofMillis(5);

  private final RecordingStream stream;

  private JvmPauseStream(RecordingStream stream) {
    this.stream = stream;
  }

  public static JvmPauseStream start(JvmPauses pauses) {
    RecordingStream rs = new RecordingStream();
    rs.enable("jdk.GCPhasePause").withThreshold(MIN_PAUSE);
    rs.enable("jdk.SafepointBegin").withThreshold(MIN_PAUSE);
    rs.setMaxAge(Duration.ofSeconds(30));
    long wallMinusNanos = wallNanos(Instant.now()) - System.nanoTime();
    rs.onEvent("jdk.GCPhasePause", e -> add(pauses, e, "GC pause (" + e.getString("name") + ")", wallMinusNanos));
    rs.onEvent("jdk.SafepointBegin", e -> add(pauses, e, "safepoint", wallMinusNanos));
    // start() blocks, so it runs on a daemon thread of ours: startAsync()'s own thread is not a
    // daemon and would keep a JVM whose main method returned from exiting.
    Thread t = new Thread(() -> {
      try {
        rs.start();
      } catch (RuntimeException e) {
        AgentFaults.report("JVM pause stream", e);
      }
    }, "kafka-latency-agent-pause-stream");
    t.setDaemon(true);
    t.start();
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
