package io.github.kafkalatency.examples.bench.broker;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code scripts/bench.sh}: {@code --name value} pairs, each with a default.
 */
record BenchOptions(
    String kafka,
    int pairs,
    int seconds,
    int warmup,
    int rate,
    int producers,
    List<Integer> memoryPartitions,
    int memorySeconds,
    boolean profile,
    Path out,
    Path agentJar,
    String agentArgs) {

  static final String USAGE =
      "usage: bench.sh [--pairs 6] [--seconds 15] [--warmup 5] [--rate 5000] [--producers 3]"
          + " [--memory-partitions 200,2000] [--memory-seconds 70] [--profile false] [--kafka"
          + " 4.4.0] [--agent-args name=value,...] [--out DIR]";

  private static final Set<String> NAMES =
      Set.of(
          "pairs",
          "seconds",
          "warmup",
          "rate",
          "producers",
          "memory-partitions",
          "memory-seconds",
          "profile",
          "kafka",
          "out",
          "agent-jar",
          "agent-args");

  static BenchOptions parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!NAMES.contains(name) || i + 1 >= args.length || o.put(name, args[++i]) != null) {
        throw new IllegalArgumentException("bad argument '" + args[i] + "'\n" + USAGE);
      }
    }
    String agent = o.getOrDefault("agent-jar", System.getProperty("kla.agentJar"));
    if (agent == null || agent.isBlank()) {
      throw new IllegalArgumentException("no agent jar: give --agent-jar or -Dkla.agentJar");
    }
    BenchOptions b =
        new BenchOptions(
            o.getOrDefault("kafka", "4.4.0"),
            atLeastZero(o, "pairs", 6),
            positive(o, "seconds", 15),
            positive(o, "warmup", 5),
            positive(o, "rate", 5000),
            positive(o, "producers", 3),
            memorySizes(o.getOrDefault("memory-partitions", "200,2000")),
            positive(o, "memory-seconds", 70),
            Boolean.parseBoolean(o.getOrDefault("profile", "false")),
            Path.of(
                    o.getOrDefault(
                        "out",
                        "bench-output/broker-"
                            + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath(),
            Path.of(agent).toAbsolutePath(),
            o.getOrDefault("agent-args", ""));
    if (b.pairs == 0 && b.memoryPartitions.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to run: --pairs 0 and --memory-partitions 0\n" + USAGE);
    }
    return b;
  }

  /** {@code 200,2000}: one memory pair per size, ascending; {@code 0} skips the memory phase. */
  private static List<Integer> memorySizes(String list) {
    List<Integer> sizes =
        Arrays.stream(list.split(","))
            .map(String::strip)
            .map(Integer::parseInt)
            .sorted()
            .distinct()
            .toList();
    if (sizes.stream().anyMatch(n -> n < 0 || n > 5000)) {
      throw new IllegalArgumentException(
          "--memory-partitions takes sizes from 1 to 5000, or 0 to skip\n" + USAGE);
    }
    return sizes.stream().filter(n -> n > 0).toList();
  }

  private static int atLeastZero(Map<String, String> o, String name, int fallback) {
    int v = Integer.parseInt(o.getOrDefault(name, String.valueOf(fallback)));
    if (v < 0) {
      throw new IllegalArgumentException("--" + name + " must be 0 or more\n" + USAGE);
    }
    return v;
  }

  private static int positive(Map<String, String> o, String name, int fallback) {
    int v = Integer.parseInt(o.getOrDefault(name, String.valueOf(fallback)));
    if (v <= 0) {
      throw new IllegalArgumentException("--" + name + " must be positive\n" + USAGE);
    }
    return v;
  }
}
