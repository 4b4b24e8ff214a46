package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time a process has used, from {@code /proc/<pid>/stat} (utime + stime), and the part of it
 * used by the agent's own threads ({@code /proc/<pid>/task/<tid>/comm} starting with {@code
 * kafka-latency-a}: the JVM gives each Java thread its name, cut to 15 characters, so the
 * aggregator matches). CPU time per acknowledged record is what other processes on a shared machine
 * disturb least: they steal time, not work. Linux only; elsewhere every sample is zero.
 */
final class ProcCpu {
  /**
   * Cumulative CPU time in nanoseconds: the whole process, the agent's own threads, and every live
   * thread by group (its name with digit runs replaced by {@code N}, so that a pool's threads add
   * up).
   */
  record Sample(long processNanos, long agentThreadNanos, Map<String, Long> byThreadGroup) {
    Sample minus(Sample earlier) {
      Map<String, Long> groups = new HashMap<>(byThreadGroup);
      earlier.byThreadGroup.forEach((g, n) -> groups.merge(g, -n, Long::sum));
      groups.replaceAll((g, n) -> Math.max(0, n)); // a thread that ended in between
      return new Sample(
          processNanos - earlier.processNanos, agentThreadNanos - earlier.agentThreadNanos, groups);
    }
  }

  private static final String AGENT_THREAD_PREFIX = "kafka-latency-a";
  private static final long NANOS_PER_TICK =
      1_000_000_000L / 100; // USER_HZ is 100 on every Linux ABI in use

  private final long pid;

  ProcCpu(long pid) {
    this.pid = pid;
  }

  Sample sample() {
    Path proc = Path.of("/proc", String.valueOf(pid));
    long process = ticks(proc.resolve("stat"));
    long agent = 0;
    Map<String, Long> groups = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          long t = ticks(task.resolve("stat"));
          if (name.startsWith(AGENT_THREAD_PREFIX)) {
            agent += t;
          }
          groups.merge(name.replaceAll("[0-9]+", "N"), t * NANOS_PER_TICK, Long::sum);
        } catch (IOException e) {
          // the thread ended between listing and reading
        }
      }
    } catch (IOException e) {
      return new Sample(process * NANOS_PER_TICK, 0, Map.of());
    }
    return new Sample(process * NANOS_PER_TICK, agent * NANOS_PER_TICK, groups);
  }

  /**
   * utime + stime: fields 14 and 15, counted after the command name in parentheses, which may hold
   * spaces.
   */
  private static long ticks(Path stat) {
    try {
      String s = Files.readString(stat);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
