package io.github.kafkalatency.examples.bench.broker;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * async-profiler (Maven Central {@code tools.profiler:async-profiler}, whose jar carries the Linux
 * x64 library) loaded into a running broker through the Attach API, CPU mode, and its collapsed
 * stacks summarised: the share of the broker's samples with an agent frame, and which agent frames.
 * Why the Attach API: {@code jcmd JVMTI.agent_load} splits the profiler's comma-separated options;
 * {@link VirtualMachine#loadAgentPath} passes them whole.
 *
 * <p>Usage: {@code start(pid, event)}, the load, {@code stop(pid, file)}, then {@link #summarise}.
 */
final class AsyncProfilerAttach {
  /** The agent's classes, its relocated libraries included, and the bootstrap probe. */
  static final Pattern AGENT_FRAME = Pattern.compile("io[./]github[./]kafkalatency[./]");

  private AsyncProfilerAttach() {}

  /** The library, copied out of the jar on the class path to {@code dir}. */
  static Path library(Path dir) throws IOException {
    try (InputStream in =
        AsyncProfilerAttach.class
            .getClassLoader()
            .getResourceAsStream("linux-x64/libasyncProfiler.so")) {
      if (in == null) {
        throw new IOException(
            "linux-x64/libasyncProfiler.so not on the class path (tools.profiler:async-profiler)");
      }
      Path lib = dir.resolve("libasyncProfiler.so");
      Files.createDirectories(dir);
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      return lib;
    }
  }

  static void command(long pid, Path library, String options) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
    try {
      vm.loadAgentPath(library.toString(), options);
    } finally {
      vm.detach();
    }
  }

  /** What a profile says about the agent's share. */
  record Share(
      long samples,
      long agentSamples,
      List<Map.Entry<String, Long>> topOutermost,
      List<Map.Entry<String, Long>> topLeaf) {
    double percent() {
      return samples == 0 ? Double.NaN : 100.0 * agentSamples / samples;
    }

    String text(String title) {
      StringBuilder b =
          new StringBuilder(
              String.format(
                  "%s: %d samples, %d with an agent frame = %.2f %%%n",
                  title, samples, agentSamples, percent()));
      b.append("  outermost agent frame (its share includes what it calls):\n");
      for (Map.Entry<String, Long> e : topOutermost) {
        b.append(String.format("    %6.2f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
      }
      b.append("  innermost agent frame:\n");
      for (Map.Entry<String, Long> e : topLeaf) {
        b.append(String.format("    %6.2f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
      }
      return b.toString();
    }
  }

  /**
   * Reads async-profiler's collapsed output: one {@code frame;frame;...;leaf count} line per stack.
   */
  static Share summarise(Path collapsed, int top) throws IOException {
    long samples = 0;
    long agent = 0;
    Map<String, Long> outermost = new HashMap<>();
    Map<String, Long> leaf = new HashMap<>();
    for (String line : Files.readAllLines(collapsed)) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      samples += n;
      String[] frames = line.substring(0, space).split(";");
      String first = null;
      String last = null;
      for (String f : frames) {
        if (AGENT_FRAME.matcher(f).find()) {
          if (first == null) {
            first = f;
          }
          last = f;
        }
      }
      if (first != null) {
        agent += n;
        outermost.merge(first, n, Long::sum);
        leaf.merge(last, n, Long::sum);
      }
    }
    return new Share(samples, agent, topOf(outermost, top), topOf(leaf, top));
  }

  private static List<Map.Entry<String, Long>> topOf(Map<String, Long> counts, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }
}
