package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker's JIT counters from HotSpot's performance counters, read with {@code jcmd <pid>
 * PerfCounter.print}: methods compiled so far and time spent compiling. Two readings apart show
 * whether the JIT has settled (compilations per 10 s) and what warm-up cost. Each reading starts a
 * {@code jcmd} process (on the load generator's CPU) and makes the broker's attach listener answer
 * once: read between measured windows, never inside one.
 */
final class JitCounters {
  /** Cumulative: compilations (standard + OSR), their time in seconds, and bailouts. */
  record Reading(long compiles, double compileSeconds, long bailouts, long atNanos) {
    Reading minus(Reading earlier) {
      return new Reading(
          compiles - earlier.compiles,
          compileSeconds - earlier.compileSeconds,
          bailouts - earlier.bailouts,
          atNanos - earlier.atNanos);
    }

    double compilesPer10s() {
      return compiles * 10e9 / Math.max(1, atNanos);
    }
  }

  private JitCounters() {}

  static Reading read(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "PerfCounter.print")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " PerfCounter.print failed: " + out);
    }
    Map<String, String> counters = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        counters.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    double frequency = number(counters, "sun.os.hrt.frequency");
    return new Reading(
        (long) number(counters, "sun.ci.totalCompiles"),
        number(counters, "java.ci.totalTime") / Math.max(1, frequency),
        (long) number(counters, "sun.ci.totalBailouts"),
        System.nanoTime());
  }

  private static double number(Map<String, String> counters, String name) {
    String v = counters.get(name);
    if (v == null) {
      throw new IllegalStateException("no perf counter " + name + " (is -XX:-UsePerfData set?)");
    }
    return Double.parseDouble(v);
  }
}
