package io.github.kafkalatency.record;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
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
 * <p>Usage: {@code JvmPauseStream.start(pauses, aggregator::servedProduceRequest)};
 * {@link #close()} at shutdown. The stream opens on a daemon thread of its own once the broker
 * has served a produce request, or {@link #LATEST_START} after the call: opening the first JFR
 * stream in a JVM costs about 0.35 s of CPU (JFR starts and instruments the JDK's I/O classes),
 * which on a small machine would otherwise lengthen the broker's start-up. Pauses before then are
 * not attributed. Events arrive about a second late (JFR flushes once a second), which is why
 * incidents are held open for a grace period before they are reported.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, before or after the stream opens.
 */
public final class JvmPauseStream implements AutoCloseable {
  static final Duration LATEST_START = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 100;
  private static final Duration MIN_PAUSE = Duration.ofMillis(5);

  private final Object lock = new Object();
  private RecordingStream stream;
  private boolean closed;

  private JvmPauseStream() {}

  public static JvmPauseStream start(JvmPauses pauses, BooleanSupplier brokerServing) {
    JvmPauseStream s = new JvmPauseStream();
    // start() blocks, so it runs on a daemon thread of ours: startAsync()'s own thread is not a
    // daemon and would keep a JVM whose main method returned from exiting.
    Thread t = new Thread(() -> s.run(pauses, brokerServing), "kafka-latency-agent-pause-stream");
    t.setDaemon(true);
    t.start();
    return s;
  }

  private void run(JvmPauses pauses, BooleanSupplier brokerServing) {
    try {
      long deadline = System.nanoTime() + LATEST_START.toNanos();
      while (!brokerServing.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
      RecordingStream rs;
      synchronized (lock) {
        if (closed) {
          return;
        }
        rs = open(pauses);
        stream = rs;
      }
      rs.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      AgentFaults.report("JVM pause stream", e);
    }
  }

  private static RecordingStream open(JvmPauses pauses) {
    RecordingStream rs = new RecordingStream();
    rs.enable("jdk.GCPhasePause").withThreshold(MIN_PAUSE);
    rs.enable("jdk.SafepointBegin").withThreshold(MIN_PAUSE);
    rs.setMaxAge(Duration.ofSeconds(30));
    long wallMinusNanos = wallNanos(Instant.now()) - System.nanoTime();
    rs.onEvent("jdk.GCPhasePause", e -> add(pauses, e, "GC pause (" + e.getString("name") + ")", wallMinusNanos));
    rs.onEvent("jdk.SafepointBegin", e -> add(pauses, e, "safepoint", wallMinusNanos));
    return rs;
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
    synchronized (lock) {
      closed = true;
      if (stream != null) {
        stream.close();
      }
    }
  }
}
