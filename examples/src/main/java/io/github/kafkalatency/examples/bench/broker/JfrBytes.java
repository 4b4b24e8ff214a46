package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the agent's events add to a JFR recording: a recording with JFR's default settings is
 * started in the running broker ({@code jcmd JFR.start}), stopped after a load, and its {@code jfr
 * summary} read for the agent's event types ({@code kafkalatency.*}). Periodic events come once per
 * interval, so bytes per hour are the periodic bytes per interval seen times the intervals in an
 * hour, plus the other agent events' bytes scaled by time.
 */
final class JfrBytes {
  record Result(
      long periodicBytes,
      long otherBytes,
      long periodicEvents,
      int intervals,
      double seconds,
      long intervalSeconds) {
    double bytesPerHour() {
      double periodic =
          intervals == 0
              ? Double.NaN
              : periodicBytes / (double) intervals * (3600.0 / intervalSeconds);
      return periodic + otherBytes * 3600.0 / seconds;
    }

    String text(int partitions) {
      return String.format(
          "JFR (settings=default) at %d active partitions: agent events %d B periodic (%d events"
              + " over %d interval(s) of %d s) + %d B other in %.0f s -> %.1f MB per hour",
          partitions,
          periodicBytes,
          periodicEvents,
          intervals,
          intervalSeconds,
          otherBytes,
          seconds,
          bytesPerHour() / 1e6);
    }
  }

  private JfrBytes() {}

  static void start(long pid, Path file) throws IOException, InterruptedException {
    jcmd(pid, "JFR.start", "name=kla-bytes", "settings=default", "filename=" + file);
  }

  static Result stop(long pid, Path file, double seconds, long intervalSeconds)
      throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=kla-bytes");
    String summary =
        run(
            Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
            "summary",
            file.toString());
    long periodic = 0;
    long other = 0;
    long periodicEvents = 0;
    for (String line : summary.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].startsWith("kafkalatency.")) {
        if (f[0].equals("kafkalatency.PartitionLatency")) {
          periodic += Long.parseLong(f[2]);
          periodicEvents += Long.parseLong(f[1]);
        } else {
          other += Long.parseLong(f[2]);
        }
      }
    }
    Set<Long> intervals = new HashSet<>();
    try (RecordingFile r = new RecordingFile(file)) {
      while (r.hasMoreEvents()) {
        RecordedEvent e = r.readEvent();
        if (e.getEventType().getName().equals("kafkalatency.PartitionLatency")) {
          intervals.add(e.getStartTime().toEpochMilli() / 1000);
        }
      }
    }
    return new Result(periodic, other, periodicEvents, intervals.size(), seconds, intervalSeconds);
  }

  private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 2];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    cmd[1] = String.valueOf(pid);
    System.arraycopy(args, 0, cmd, 2, args.length);
    run(cmd);
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
