package io.github.kafkalatency.examples.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the probe-cost benchmarks with JMH's own command line ({@code -wi 3 -i 5 -f 2 -prof gc}, a
 * regex...) and its normal output, then prints, for each pair, agent minus no agent as "added cost
 * per append", with the two 99.9% errors combined in quadrature. Used by {@code
 * scripts/bench-probes.sh}; must run from the repository root (see {@link ProbeCost}).
 */
public final class ProbeCostReport {
  /** The target for the full set of probes. */
  static final double TARGET_NANOS = 100;

  private ProbeCostReport() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    if (cmd.shouldHelp()
        || cmd.shouldList()
        || cmd.shouldListWithParams()
        || cmd.shouldListProfilers()
        || cmd.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    OptionsBuilder builder = new OptionsBuilder();
    if (cmd.getIncludes().isEmpty()) {
      builder.include(ProbeCost.class.getName() + "\\.|" + ProbeCalls.class.getName() + "\\.");
    }
    Options options = builder.parent(cmd).build();
    Collection<RunResult> runs = new Runner(options).run();

    Map<String, Result<?>> scores = new HashMap<>();
    for (RunResult run : runs) {
      String benchmark = run.getParams().getBenchmark();
      String key =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      scores.put(key, run.getPrimaryResult());
    }
    System.out.println();
    System.out.println("Added cost per append: agent minus no agent, same run, ns (± 99.9% error)");
    boolean headline =
        print(
            scores,
            "ProbeCost.pacedAgent",
            "ProbeCost.pacedNoAgent",
            "single thread, appends 20 µs apart (headline)",
            true);
    print(
        scores,
        "ProbeCost.pacedWriteAgent",
        "ProbeCost.pacedWriteNoAgent",
        "single thread, paced, 256-byte pwrite to tmpfs",
        true);
    print(
        scores,
        "ProbeCost.tightAgent",
        "ProbeCost.tightNoAgent",
        "single thread, back-to-back (ring overflows)",
        true);
    print(
        scores,
        "ProbeCost.contendedAgent",
        "ProbeCost.contendedNoAgent",
        "2 threads, one log lock, back-to-back",
        true);
    System.out.println(" By hook, paced (against the same code without the agent):");
    print(
        scores, "ProbeCost.byHookAppendOnly", "ProbeCost.pacedNoAgent", "append hook only", false);
    print(
        scores, "ProbeCost.byHookLockOnly", "ProbeCost.pacedNoAgent", "log-lock hook only", false);
    print(
        scores,
        "ProbeCost.byHookAllButLock",
        "ProbeCost.pacedNoAgent",
        "append + file-io hooks (no log-lock hook)",
        false);
    print(
        scores,
        "ProbeCost.byHookPlainLogAgent",
        "ProbeCost.byHookPlainLogNoAgent",
        "file-io hook only (PlainLog, no Kafka hook)",
        false);
    System.out.println(
        " Probe calls alone, paced, minus the pacing (ProbeCalls, agent in every fork):");
    print(
        scores,
        "ProbeCalls.pacedAppendProbes",
        "ProbeCalls.pacedBaseline",
        "appendStart + appendEnd",
        false);
    print(
        scores,
        "ProbeCalls.pacedLockProbes",
        "ProbeCalls.pacedBaseline",
        "beforeLogLock, logLockAcquired/Releasing/Released",
        false);
    print(
        scores,
        "ProbeCalls.pacedFileProbes",
        "ProbeCalls.pacedBaseline",
        "fileOpStart + fileOpEnd",
        false);
    Result<?> clock = scores.get("ProbeCalls.nanoTime");
    if (clock != null) {
      System.out.printf(
          Locale.ROOT,
          "  %-52s %.1f ns each%n",
          "System.nanoTime(), which the probes read",
          clock.getScore());
    }
    if (!headline) {
      System.out.println("(headline pair not run: include ProbeCost.paced(No)?Agent)");
    }
  }

  private static boolean print(
      Map<String, Result<?>> scores, String agent, String noAgent, String label, boolean judge) {
    Result<?> with = scores.get(agent);
    Result<?> without = scores.get(noAgent);
    if (with == null || without == null) {
      return false;
    }
    double added = with.getScore() - without.getScore();
    double error = Math.hypot(nanToZero(with.getScoreError()), nanToZero(without.getScoreError()));
    String target = " the " + (int) TARGET_NANOS + " ns target";
    String verdict =
        !judge
            ? ""
            : added + error <= TARGET_NANOS
                ? "  within" + target
                : added - error > TARGET_NANOS
                    ? "  ABOVE" + target
                    : "  inconclusive against" + target + " (error too large)";
    System.out.printf(
        Locale.ROOT,
        "  %-52s added cost per append: %.1f ± %.1f ns  (%.1f vs %.1f ns/op)%s%n",
        label,
        added,
        error,
        with.getScore(),
        without.getScore(),
        verdict);
    return true;
  }

  private static double nanToZero(double d) {
    return Double.isNaN(d) ? 0 : d;
  }
}
