package io.github.kafkalatency.examples.bench.broker;

import java.util.Locale;

/** One broker run of the A/B: which side, its start-up, and the figures of both loads. */
record RunResult(int pair, int position, boolean agent, double startupSeconds, FixedRateLoad.Result fixed,
    MaxThroughputLoad.Result max, double loadAverage) {

  static final String HEADER = "pair\tpos\tside\tstartup_s\tfixed_sent\tfixed_rec_s\tp50_ms\tp99_ms\tp999_ms"
      + "\tmax_ms\tfixed_errors\tmax_rec_s\tmax_MB_s\tmax_errors\tfixed_cpu_us_per_rec\tmax_cpu_us_per_rec"
      + "\tmax_agent_threads_cpu_pct\tloadavg_1min";

  /** The agent's own threads (aggregator, pause stream) as a share of the broker's CPU, max-throughput window. */
  double agentThreadsCpuPercent() {
    return 100.0 * max.brokerCpu().agentThreadNanos() / Math.max(1, max.brokerCpu().processNanos());
  }

  String side() {
    return agent ? "agent" : "none";
  }

  String tsv() {
    return String.format(Locale.ROOT,
        "%d\t%d\t%s\t%.3f\t%d\t%.0f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.0f\t%.2f\t%d\t%.2f\t%.3f\t%.2f\t%.2f",
        pair, position, side(), startupSeconds, fixed.sent(), fixed.achievedPerSecond(),
        fixed.percentileMillis(0.50), fixed.percentileMillis(0.99), fixed.percentileMillis(0.999),
        fixed.maxMillis(), fixed.errors(), max.recordsPerSecond(), max.megabytesPerSecond(), max.errors(),
        fixed.brokerCpuMicrosPerRecord(), max.brokerCpuMicrosPerRecord(), agentThreadsCpuPercent(), loadAverage);
  }

  String describe() {
    return String.format(Locale.ROOT,
        "pair %d %-5s start-up %.2f s | fixed %d rec/s: p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.1f ms"
            + " (%d sent, %d errors), broker CPU %.1f us/rec | max %,.0f rec/s %.1f MB/s (%d errors), broker CPU"
            + " %.2f us/rec, agent threads %.1f%% of it | load average %.1f",
        pair, side(), startupSeconds, Math.round(fixed.achievedPerSecond()), fixed.percentileMillis(0.50),
        fixed.percentileMillis(0.99), fixed.percentileMillis(0.999), fixed.maxMillis(), fixed.sent(),
        fixed.errors(), fixed.brokerCpuMicrosPerRecord(), max.recordsPerSecond(), max.megabytesPerSecond(),
        max.errors(), max.brokerCpuMicrosPerRecord(), agentThreadsCpuPercent(), loadAverage);
  }
}
