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

  /** A probe, which runs inlined into Kafka's or the JDK's compiled methods. */
  static final Pattern PROBE_FRAME = Pattern.compile("io[./]github[./]kafkalatency[./]probe[./]");

  /** HotSpot's array-copy stubs ({@code jbyte_disjoint_arraycopy_avx3}, …): frameless leaves. */
  static final Pattern COPY_STUB = Pattern.compile("^[a-z_]*arraycopy[a-z0-9_]*$");

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
      long copyStubBelowProbe,
      List<Map.Entry<String, Long>> topOutermost,
      List<Map.Entry<String, Long>> topLeaf) {
    double percent() {
      return samples == 0 ? Double.NaN : 100.0 * agentSamples / samples;
    }

    /** Without the samples of a JVM copy stub that the profiler charged to an inlined probe. */
    double percentWithoutCopyStubs() {
      return samples == 0 ? Double.NaN : 100.0 * (agentSamples - copyStubBelowProbe) / samples;
    }

    String text(String title) {
      StringBuilder b =
          new StringBuilder(
              String.format(
                  "%s: %d samples, %d with an agent frame = %.2f %%%n",
                  title, samples, agentSamples, percent()));
      b.append(
          String.format(
              "  of which %d (%.2f %%) end in a JVM array-copy stub right below an inlined probe;"
                  + " without them %.2f %%%n",
              copyStubBelowProbe,
              samples == 0 ? Double.NaN : 100.0 * copyStubBelowProbe / samples,
              percentWithoutCopyStubs()));
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
   *
   * <p>Counted apart: a sample whose first frame below the innermost agent frame is an array-copy
   * stub, on a probe's stack. C2 calls those stubs as leaf calls that carry no debug info, so the
   * profiler maps their return address to the nearest inlined scope, which in {@code
   * FileChannelImpl.write} is the probe inlined at its entry; the copy is the JDK's (a heap buffer
   * into a temporary direct one), and no probe copies an array.
   */
  static Share summarise(Path collapsed, int top) throws IOException {
    long samples = 0;
    long agent = 0;
    long copyStubs = 0;
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
      int lastAt = -1;
      for (int i = 0; i < frames.length; i++) {
        if (AGENT_FRAME.matcher(frames[i]).find()) {
          if (first == null) {
            first = frames[i];
          }
          last = frames[i];
          lastAt = i;
        }
      }
      if (first != null) {
        if (PROBE_FRAME.matcher(first).find()
            && lastAt + 1 < frames.length
            && COPY_STUB.matcher(frames[lastAt + 1]).matches()) {
          copyStubs += n;
        }
        agent += n;
        outermost.merge(first, n, Long::sum);
        leaf.merge(last, n, Long::sum);
      }
    }
    return new Share(samples, agent, copyStubs, topOf(outermost, top), topOf(leaf, top));
  }

  private static List<Map.Entry<String, Long>> topOf(Map<String, Long> counts, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }
}
