package io.github.kafkalatency.examples.bench.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the broker's extra CPU goes: CPU time per acknowledged record by thread group (request
 * handlers, network threads, the agent's threads, JIT compilers, GC, JFR), with and without the
 * agent, and the difference per pair. Reads {@code /proc} only, so it costs the broker nothing and,
 * unlike a sampling profiler, does not itself start JFR in the broker.
 *
 * <p>Usage: {@link #add} each measured run's window, then {@link #text}. Not thread-safe.
 */
final class ThreadCpuTable {
  private record Run(int pair, boolean agent, Map<String, Double> microsPerRecord) {}

  private final String window;
  private final List<Run> runs = new ArrayList<>();

  ThreadCpuTable(String window) {
    this.window = window;
  }

  void add(int pair, boolean agent, ProcCpu.Sample cpu, long records) {
    Map<String, Double> perRecord = new HashMap<>();
    cpu.byThreadGroup().forEach((g, n) -> perRecord.put(g, n / 1e3 / Math.max(1, records)));
    runs.add(new Run(pair, agent, perRecord));
  }

  /** The groups whose CPU per record differs most, median over pairs; {@code rows} of them. */
  String text(int rows) {
    TreeSet<String> groups = new TreeSet<>();
    runs.forEach(r -> groups.addAll(r.microsPerRecord().keySet()));
    record Row(String group, double without, double with, double diff) {}
    List<Row> table = new ArrayList<>();
    for (String g : groups) {
      List<Double> with = new ArrayList<>();
      List<Double> without = new ArrayList<>();
      List<Double> diff = new ArrayList<>();
      for (Run a : runs) {
        if (!a.agent()) {
          continue;
        }
        for (Run n : runs) {
          if (!n.agent() && n.pair() == a.pair()) {
            double x = a.microsPerRecord().getOrDefault(g, 0.0);
            double y = n.microsPerRecord().getOrDefault(g, 0.0);
            with.add(x);
            without.add(y);
            diff.add(x - y);
          }
        }
      }
      if (!diff.isEmpty()) {
        table.add(new Row(g, Stats.median(without), Stats.median(with), Stats.median(diff)));
      }
    }
    table.sort(Comparator.comparingDouble((Row r) -> -Math.abs(r.diff())));
    StringBuilder out =
        new StringBuilder(
            "broker CPU per record by thread group, "
                + window
                + " (us; median over pairs; /proc/<pid>/task, 10 ms ticks)\n");
    out.append(
        String.format(
            "  %-44s %12s %12s %12s%n", "thread group", "without", "with", "with-without"));
    for (Row r : table.subList(0, Math.min(rows, table.size()))) {
      out.append(
          String.format(
              "  %-44s %12.2f %12.2f %+12.2f%n", r.group(), r.without(), r.with(), r.diff()));
    }
    return out.toString();
  }
}
