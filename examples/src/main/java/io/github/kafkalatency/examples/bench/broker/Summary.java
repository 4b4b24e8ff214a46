package io.github.kafkalatency.examples.bench.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The figures of a whole A/B run: per-pair ratios with/without, their median and range, and the
 * targets.
 */
final class Summary {
  static final double THROUGHPUT_TARGET = 0.99;
  static final double P99_TARGET = 1.02;
  static final double STARTUP_TARGET_SECONDS = 1.0;
  static final double MEMORY_TARGET_MB_PER_10K = 32.0;

  /**
   * One row of the table: a figure of each run, and how its ratio is read; {@code shortLabel} for
   * the plot.
   */
  record Metric(
      String label,
      String shortLabel,
      String unit,
      ToDoubleFunction<RunResult> value,
      String format,
      Double target,
      boolean higherIsBetter) {}

  static final List<Metric> METRICS =
      List.of(
          new Metric(
              "max throughput",
              "max throughput",
              "rec/s",
              RunResult::maxRecordsPerSecond,
              "%,.0f",
              THROUGHPUT_TARGET,
              true),
          new Metric(
              "fixed-rate p50", "fixed-rate p50", "ms", RunResult::p50Millis, "%.2f", null, false),
          new Metric(
              "fixed-rate p99",
              "fixed-rate p99",
              "ms",
              RunResult::p99Millis,
              "%.2f",
              P99_TARGET,
              false),
          new Metric(
              "fixed-rate p99.9",
              "fixed-rate p99.9",
              "ms",
              RunResult::p999Millis,
              "%.2f",
              null,
              false),
          new Metric(
              "broker CPU/rec, max",
              "CPU/rec max",
              "us",
              RunResult::maxCpuMicrosPerRecord,
              "%.2f",
              null,
              false),
          new Metric(
              "broker CPU/rec, fixed",
              "CPU/rec fixed",
              "us",
              RunResult::fixedCpuMicrosPerRecord,
              "%.1f",
              null,
              false));

  final BenchOptions opts;
  final String machine;
  final List<RunResult> runs;
  final List<MemoryResult> memory;
  final List<RunResult[]> pairs = new ArrayList<>(); // [with, without]

  Summary(BenchOptions opts, String machine, List<RunResult> runs, List<MemoryResult> memory) {
    this.opts = opts;
    this.machine = machine;
    this.runs = runs;
    this.memory = memory;
    for (int p = 1; p <= pairCount(); p++) {
      int pair = p;
      RunResult with =
          runs.stream().filter(r -> r.pair() == pair && r.agent()).findFirst().orElseThrow();
      RunResult without =
          runs.stream().filter(r -> r.pair() == pair && !r.agent()).findFirst().orElseThrow();
      pairs.add(new RunResult[] {with, without});
    }
  }

  /**
   * The number of pairs in the results (from the runs, so that {@code --report} needs no option for
   * it).
   */
  int pairCount() {
    return runs.stream().mapToInt(RunResult::pair).max().orElse(0);
  }

  List<Double> ratios(Metric m) {
    return pairs.stream()
        .map(p -> m.value().applyAsDouble(p[0]) / m.value().applyAsDouble(p[1]))
        .toList();
  }

  List<Double> values(Metric m, boolean agent) {
    return runs.stream()
        .filter(r -> r.agent() == agent)
        .map(r -> m.value().applyAsDouble(r))
        .toList();
  }

  List<Double> startups(boolean agent) {
    return runs.stream().filter(r -> r.agent() == agent).map(RunResult::startupSeconds).toList();
  }

  List<Double> startupDeltas() {
    return pairs.stream().map(p -> p[0].startupSeconds() - p[1].startupSeconds()).toList();
  }

  Boolean met(Metric m) {
    if (m.target() == null) {
      return null;
    }
    double median = Stats.median(ratios(m));
    return m.higherIsBetter() ? median >= m.target() : median <= m.target();
  }

  boolean startupMet() {
    return Stats.median(startupDeltas()) <= STARTUP_TARGET_SECONDS;
  }

  MemoryResult memory(boolean agent, int partitions) {
    return memory.stream()
        .filter(m -> m.agent() == agent && m.partitions() == partitions)
        .findFirst()
        .orElse(null);
  }

  /** Sizes with a run on both sides, ascending. */
  List<Integer> memorySizes() {
    return memory.stream()
        .map(MemoryResult::partitions)
        .distinct()
        .sorted()
        .filter(n -> memory(true, n) != null && memory(false, n) != null)
        .toList();
  }

  /**
   * Live heap with minus without at that size, MB, each side less the KRaft batch buffers it
   * happened to keep.
   */
  double agentHeapMegabytes(int partitions) {
    return memory(true, partitions).liveEndWithoutKraftBuffersMegabytes()
        - memory(false, partitions).liveEndWithoutKraftBuffersMegabytes();
  }

  /**
   * Least-squares line through (partitions, agent heap): {fixed MB, MB per partition}; null with
   * fewer than 2 sizes.
   */
  double[] memoryFit() {
    List<Integer> sizes = memorySizes();
    if (sizes.size() < 2) {
      return null;
    }
    double mx = sizes.stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
    double my = sizes.stream().mapToDouble(this::agentHeapMegabytes).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int n : sizes) {
      sxy += (n - mx) * (agentHeapMegabytes(n) - my);
      sxx += (n - mx) * (n - mx);
    }
    double slope = sxy / sxx;
    return new double[] {my - slope * mx, slope};
  }

  /** The agent's heap extrapolated to 10,000 partitions from the fit, or NaN. */
  double agentHeapAt10k() {
    double[] fit = memoryFit();
    return fit == null ? Double.NaN : fit[0] + fit[1] * 10_000;
  }

  String text() {
    StringBuilder b = new StringBuilder();
    line(
        b,
        "Broker A/B overhead: Kafka %s, %d pair(s) with/without the agent (%s), order alternating"
            + " pair to pair, a fresh broker per run (-Xms1g -Xmx1g, G1, log dir on disk)",
        opts.kafka(),
        pairCount(),
        opts.agentArgs().isEmpty() ? "default options" : "options " + opts.agentArgs());
    line(b, "machine: %s", machine);
    line(
        b,
        "fixed rate: %,d x 1 KB records/s, acks=1, linger.ms=0, %d partitions, %d s warm-up + %d s"
            + " measured; latency = due time to acknowledgement",
        opts.rate(),
        BrokerAB.PARTITIONS,
        opts.warmup(),
        opts.seconds());
    line(
        b,
        "max throughput: %d producers, linger.ms=5, batch.size=64 KB, acks=1, 1 KB records, %d s"
            + " warm-up + %d s measured",
        opts.producers(),
        Math.max(1, opts.warmup() / 2),
        opts.seconds());
    if (pairs.isEmpty()) {
      line(b, "(no A/B pairs in this run)");
    } else {
      abTable(b);
    }
    memoryTable(b);
    return b.toString();
  }

  private void abTable(StringBuilder b) {
    line(b, "");
    line(
        b,
        "%-28s %14s %14s   %-26s %-9s %s",
        "",
        "without agent",
        "with agent",
        "with/without per pair",
        "target",
        "met");
    line(b, "%-28s %14s %14s   %-26s", "", "(median)", "(median)", "median [min - max]");
    for (Metric m : METRICS) {
      List<Double> r = ratios(m);
      String target =
          m.target() == null ? "-" : (m.higherIsBetter() ? ">= " : "<= ") + fmt("%.2f", m.target());
      Boolean met = met(m);
      line(
          b,
          "%-28s %14s %14s   %-26s %-9s %s",
          m.label() + " (" + m.unit() + ")",
          fmt(m.format(), Stats.median(values(m, false))),
          fmt(m.format(), Stats.median(values(m, true))),
          fmt("%.3f [%.3f - %.3f]", Stats.median(r), Stats.min(r), Stats.max(r)),
          target,
          met == null ? "" : met ? "yes" : "NO");
    }
    List<Double> d = startupDeltas();
    line(
        b,
        "%-28s %14s %14s   %-26s %-9s %s",
        "start-up (s)",
        fmt("%.2f", Stats.median(startups(false))),
        fmt("%.2f", Stats.median(startups(true))),
        fmt("%+.2f s [%+.2f - %+.2f]", Stats.median(d), Stats.min(d), Stats.max(d)),
        fmt("<= +%.1f s", STARTUP_TARGET_SECONDS),
        startupMet() ? "yes" : "NO");
    line(
        b,
        "(start-up: JVM launch to \"Kafka Server started\"; its row gives the difference with -"
            + " without per pair)");
    line(
        b,
        "(broker CPU/rec: the broker process's CPU time (/proc/<pid>/stat) in the measured window"
            + " per acknowledged record; other processes on the machine take time from it, not add"
            + " work to it)");
    List<Double> share =
        runs.stream().filter(RunResult::agent).map(RunResult::agentThreadsCpuPercent).toList();
    line(
        b,
        "agent's own thread (the aggregator) in the max-throughput window: %.1f%% of the broker's"
            + " CPU (median; %.1f - %.1f%%)",
        Stats.median(share),
        Stats.min(share),
        Stats.max(share));
    line(b, "");
    line(b, "per pair (with/without):");
    for (Metric m : METRICS) {
      line(
          b,
          "  %-22s %s",
          m.label(),
          ratios(m).stream().map(x -> fmt("%.3f", x)).collect(Collectors.joining(" ")));
    }
    line(
        b,
        "  %-22s %s",
        "start-up delta",
        d.stream().map(x -> fmt("%+.2f", x)).collect(Collectors.joining(" ")));
    long errors = runs.stream().mapToLong(r -> r.fixedErrors() + r.maxErrors()).sum();
    line(b, "send errors in all runs: %d", errors);
    List<Double> load = runs.stream().map(RunResult::loadAverage).toList();
    line(
        b,
        "1-minute load average at the end of each run: median %.1f (%.1f - %.1f); the benchmark"
            + " alone makes about 2-3 on 2 CPUs",
        Stats.median(load),
        Stats.min(load),
        Stats.max(load));
  }

  private void memoryTable(StringBuilder b) {
    List<Integer> sizes = memorySizes();
    if (!sizes.isEmpty()) {
      int seconds = memory.get(0).seconds();
      line(b, "");
      line(
          b,
          "broker heap: live bytes after a full GC (jcmd <pid> GC.class_histogram), median of 3"
              + " taken at the end of a %d s load touching every partition (100 B records"
              + " round-robin, max(1,000, partitions) per second), one broker per row and side",
          seconds);
      line(
          b,
          "  %10s %14s %14s %10s %16s %11s %20s",
          "partitions",
          "without agent",
          "with agent",
          "raw diff",
          "KRaft 8 MiB bufs",
          "agent",
          "agent's own classes");
      for (int n : sizes) {
        MemoryResult with = memory(true, n);
        MemoryResult without = memory(false, n);
        line(
            b,
            "  %,10d %11.1f MB %11.1f MB %+7.1f MB %16s %+8.1f MB %17.2f MB",
            n,
            without.liveEndMegabytes(),
            with.liveEndMegabytes(),
            with.liveEndMegabytes() - without.liveEndMegabytes(),
            without.kraftBuffers() + " / " + with.kraftBuffers(),
            agentHeapMegabytes(n),
            with.agentClassesEndMegabytes());
      }
      line(
          b,
          "  (agent = with - without, each less the 8 MiB batch buffers KRaft's BatchMemoryPool"
              + " happened to keep: 1 or 2 per broker, by timing, agent or not; counted in a heap"
              + " dump)");
      double[] fit = memoryFit();
      if (fit != null) {
        double at10k = agentHeapAt10k();
        line(
            b,
            "  fit: agent heap = %.1f MB + %.2f KB x partitions; at 10,000 partitions %.1f MB"
                + " (target <= %.0f MB): %s",
            fit[0],
            fit[1] * 1000,
            at10k,
            MEMORY_TARGET_MB_PER_10K,
            at10k <= MEMORY_TARGET_MB_PER_10K ? "met" : "NOT met");
      } else {
        int n = sizes.get(sizes.size() - 1);
        line(
            b,
            "  at %,d partitions the agent takes %.1f MB (target <= %.0f MB for 10,000 partitions)",
            n,
            agentHeapMegabytes(n),
            MEMORY_TARGET_MB_PER_10K);
      }
      int largest = sizes.get(sizes.size() - 1);
      line(
          b,
          "  largest differences by class at %,d partitions (with - without; [B less the KRaft"
              + " buffers): %s",
          largest,
          classDifferences(largest, 10));
    }
  }

  /**
   * The classes whose live bytes differ most between the two sides (median end histogram of each).
   */
  String classDifferences(int partitions, int top) {
    java.util.Map<String, Long> with = memory(true, partitions).medianLate().bytesByClass();
    java.util.Map<String, Long> without = memory(false, partitions).medianLate().bytesByClass();
    // byte[] less the KRaft batch buffers each side happened to keep, as in the agent figure
    long kraft =
        (memory(true, partitions).kraftBuffers() - memory(false, partitions).kraftBuffers())
            * MemoryResult.KRAFT_BATCH_FOOTPRINT;
    java.util.Set<String> names = new java.util.HashSet<>(with.keySet());
    names.addAll(without.keySet());
    return names.stream()
        .map(
            c ->
                java.util.Map.entry(
                    c,
                    with.getOrDefault(c, 0L)
                        - without.getOrDefault(c, 0L)
                        - (c.equals("[B") ? kraft : 0L)))
        .sorted((x, y) -> Long.compare(Math.abs(y.getValue()), Math.abs(x.getValue())))
        .limit(top)
        .map(e -> fmt("%s %+.2f MB", e.getKey(), e.getValue() / 1e6))
        .collect(Collectors.joining(", "));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
