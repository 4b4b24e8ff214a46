package io.github.kafkalatency.examples.bench.broker;

import java.util.Locale;

/**
 * One broker run of the A/B: which side, its start-up, and the figures of both loads; exactly one
 * line of {@code results.tsv}, so that {@code --report} can redo the summary and the plot from the
 * file.
 */
record RunResult(
    int pair,
    int position,
    boolean agent,
    double startupSeconds,
    long fixedSent,
    double fixedPerSecond,
    double p50Millis,
    double p99Millis,
    double p999Millis,
    double fixedMaxMillis,
    long fixedErrors,
    double maxRecordsPerSecond,
    double maxMegabytesPerSecond,
    long maxErrors,
    double fixedCpuMicrosPerRecord,
    double maxCpuMicrosPerRecord,
    double agentThreadsCpuPercent,
    double loadAverage) {

  static final String HEADER =
      "pair\tpos\tside\tstartup_s\tfixed_sent\tfixed_rec_s\tp50_ms\tp99_ms\tp999_ms\tmax_ms"
          + "\tfixed_errors\tmax_rec_s\tmax_MB_s\tmax_errors\tfixed_cpu_us_per_rec"
          + "\tmax_cpu_us_per_rec\tmax_agent_threads_cpu_pct\tloadavg_1min";

  static RunResult of(
      int pair,
      int position,
      boolean agent,
      double startupSeconds,
      FixedRateLoad.Result fixed,
      MaxThroughputLoad.Result max,
      double loadAverage) {
    return new RunResult(
        pair,
        position,
        agent,
        startupSeconds,
        fixed.sent(),
        fixed.achievedPerSecond(),
        fixed.percentileMillis(0.50),
        fixed.percentileMillis(0.99),
        fixed.percentileMillis(0.999),
        fixed.maxMillis(),
        fixed.errors(),
        max.recordsPerSecond(),
        max.megabytesPerSecond(),
        max.errors(),
        fixed.brokerCpuMicrosPerRecord(),
        max.brokerCpuMicrosPerRecord(),
        100.0 * max.brokerCpu().agentThreadNanos() / Math.max(1, max.brokerCpu().processNanos()),
        loadAverage);
  }

  /** A line of {@code results.tsv}, as {@link #tsv()} wrote it. */
  static RunResult parse(String line) {
    String[] f = line.split("\t");
    if (f.length != HEADER.split("\t").length) {
      throw new IllegalArgumentException("not a results.tsv line of this version: " + line);
    }
    return new RunResult(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        f[2].equals("agent"),
        Double.parseDouble(f[3]),
        Long.parseLong(f[4]),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]),
        Double.parseDouble(f[7]),
        Double.parseDouble(f[8]),
        Double.parseDouble(f[9]),
        Long.parseLong(f[10]),
        Double.parseDouble(f[11]),
        Double.parseDouble(f[12]),
        Long.parseLong(f[13]),
        Double.parseDouble(f[14]),
        Double.parseDouble(f[15]),
        Double.parseDouble(f[16]),
        Double.parseDouble(f[17]));
  }

  String side() {
    return agent ? "agent" : "none";
  }

  String tsv() {
    return String.format(
        Locale.ROOT,
        "%d\t%d\t%s\t%.3f\t%d\t%.0f\t%.4f\t%.4f\t%.4f\t%.3f\t%d\t%.0f\t%.2f\t%d\t%.2f\t%.3f\t%.2f"
            + "\t%.2f",
        pair,
        position,
        side(),
        startupSeconds,
        fixedSent,
        fixedPerSecond,
        p50Millis,
        p99Millis,
        p999Millis,
        fixedMaxMillis,
        fixedErrors,
        maxRecordsPerSecond,
        maxMegabytesPerSecond,
        maxErrors,
        fixedCpuMicrosPerRecord,
        maxCpuMicrosPerRecord,
        agentThreadsCpuPercent,
        loadAverage);
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "pair %d %-5s start-up %.2f s | fixed %d rec/s: p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max"
            + " %.1f ms (%d sent, %d errors), broker CPU %.1f us/rec | max %,.0f rec/s %.1f MB/s"
            + " (%d errors), broker CPU %.2f us/rec, agent threads %.1f%% of it | load average"
            + " %.1f",
        pair,
        side(),
        startupSeconds,
        Math.round(fixedPerSecond),
        p50Millis,
        p99Millis,
        p999Millis,
        fixedMaxMillis,
        fixedSent,
        fixedErrors,
        fixedCpuMicrosPerRecord,
        maxRecordsPerSecond,
        maxMegabytesPerSecond,
        maxErrors,
        maxCpuMicrosPerRecord,
        agentThreadsCpuPercent,
        loadAverage);
  }
}
