package io.github.kafkalatency.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import jdk.jfr.consumer.EventStream;

/**
 * A broker being watched: its live event stream, what the header says about it, and whether it went
 * away.
 *
 * <p>Usage: {@code try (WatchSource s = WatchSource.open(options)) { s.stream().onEvent(...);
 * s.stream().start(); }}. {@link #gone()} is non-null once the broker has gone away; the stream is
 * then closed by the source. Closing the source ends whatever it started in the broker (over JMX,
 * the recording), so that a watch leaves nothing behind.
 */
interface WatchSource extends AutoCloseable {
  Pattern HOST_PORT = Pattern.compile("\\[?[\\w.:-]+\\]?:\\d{1,5}");

  EventStream stream();

  BrokerInfo info();

  /** Why the stream ended on its own (the broker went away), or null. */
  String gone();

  @Override
  void close();

  /** A pid, a JMX service URL or host:port, or a JFR repository directory. */
  static WatchSource open(WatchOptions o) throws WatchException {
    String t = o.target();
    Path path = Path.of(t);
    if (Files.isDirectory(path)) {
      return RepositorySource.open(path);
    }
    if (t.matches("\\d+")) {
      return JmxSource.attach(Long.parseLong(t), o);
    }
    if (t.startsWith("service:jmx:") || HOST_PORT.matcher(t).matches()) {
      return JmxSource.connect(t, o);
    }
    throw new WatchException(
        WatchUsage.NO_TARGET,
        t + ": no such directory, and not a pid," + " host:port or service:jmx: URL");
  }
}
