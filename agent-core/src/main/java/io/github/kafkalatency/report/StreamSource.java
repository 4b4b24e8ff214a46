package io.github.kafkalatency.report;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.EventStream;

/**
 * What the JMX and the repository source share: the stream, the broker's facts, a daemon watchdog
 * that polls whether the broker's process lives, and why the broker went away.
 */
abstract class StreamSource implements WatchSource {
  final BrokerInfo info;
  final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "watch-broker-alive");
            t.setDaemon(true);
            return t;
          });
  volatile String gone;
  private final EventStream stream;

  StreamSource(EventStream stream, BrokerInfo info) {
    this.stream = stream;
    this.info = info;
  }

  /** Once a second while pid (if known) lives; then {@code exited} runs, on the watchdog. */
  final void whenExited(Long pid, Runnable exited) {
    if (pid != null) {
      watchdog.scheduleWithFixedDelay(
          () -> {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
              exited.run();
            }
          },
          1,
          1,
          TimeUnit.SECONDS);
    }
  }

  @Override
  public EventStream stream() {
    return stream;
  }

  @Override
  public BrokerInfo info() {
    return info;
  }

  @Override
  public String gone() {
    return gone;
  }
}
