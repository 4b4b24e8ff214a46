package io.github.kafkalatency.examples.bench.broker;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The steady-state A/B run by {@code scripts/bench.sh --steady}: what the agent costs a broker that
 * has warmed up, not one that has just started. Both brokers (the same Kafka, one with the agent
 * and its default options, one without) are started once and pinned to one CPU ({@code taskset}),
 * this JVM and its load generators to the other; both are warmed until their JIT has settled
 * (compilations per 10 s from HotSpot's counters), then short measured runs alternate between them,
 * workload by workload, the side going first alternating from pair to pair. Per run: broker CPU
 * (utime + stime from /proc) per record, throughput, latency percentiles, the load average.
 * Workloads:
 *
 * <ul>
 *   <li>{@code fixed-1k}: 1 KB records at a fixed rate, linger.ms=0 (about one record per request);
 *   <li>{@code max-100b}: 100 B records as fast as the producers go (batched; CPU per request too,
 *       since batching follows timing);
 *   <li>{@code wide-2k}: 100 B records at a fixed rate round-robin over 2,000 partitions.
 * </ul>
 *
 * Then async-profiler in the warm agent broker (CPU mode, through the Attach API) for each
 * workload, and a JFR recording of the agent's events at 2,000 active partitions. The first 60 s of
 * load (warm-up) are reported apart: JIT time and methods compiled with and without the agent.
 */
public final class SteadyAB {
  private static final Pattern AGENT_STARTED = Pattern.compile("kafka-latency-agent \\S+ started");
  static final String[] WORKLOADS = {"fixed-1k", "max-100b", "wide-2k"};

  private final Map<String, String> opt;
  private final Path out;
  private final int pairs;
  private final int seconds;
  private final List<String> lines = new ArrayList<>();

  private SteadyAB(Map<String, String> opt) {
    this.opt = opt;
    this.out = Path.of(opt.get("--out")).toAbsolutePath();
    this.pairs = Integer.parseInt(opt.get("--pairs"));
    this.seconds = Integer.parseInt(opt.get("--seconds"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt =
        new LinkedHashMap<>(
            Map.of(
                "--kafka",
                "4.4.0",
                "--pairs",
                "10",
                "--seconds",
                "10",
                "--fixed-rate",
                "3000",
                "--wide-partitions",
                "2000",
                "--wide-rate",
                "4000",
                "--producers",
                "2",
                "--settle-per-10s",
                "10",
                "--settle-max-rounds",
                "3"));
    opt.put("--broker-cpu", "1");
    opt.put("--load-cpu", "0");
    opt.put("--jfr-seconds", "70");
    opt.put("--profile-seconds", "30"); // per workload: a few hundred agent samples at ~3 %
    opt.put("--startups", "3");
    opt.put("--profile-only", "false");
    opt.put("--startup-only", "false");
    opt.put("--warmup-seconds", "20"); // per workload: 60 s of load in all
    opt.put("--settle-seconds", "10"); // per workload and round
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i], args[i + 1]);
    }
    if (!opt.containsKey("--agent-jar") || !opt.containsKey("--out")) {
      System.err.println("bench: --agent-jar and --out are required");
      System.exit(2);
    }
    if (opt.containsKey("--baseline-jar")
        && !Files.isRegularFile(Path.of(opt.get("--baseline-jar")))) {
      System.err.println("bench: --baseline-jar " + opt.get("--baseline-jar") + " is not a file");
      System.exit(2);
    }
    new SteadyAB(opt).run();
  }

  private void run() throws Exception {
    long began = System.nanoTime();
    Files.createDirectories(out);
    String machine = Machine.describe(); // before pinning, which would make it say 1 CPU
    report(
        "steady state: Kafka "
            + opt.get("--kafka")
            + ", "
            + pairs
            + " pairs x "
            + WORKLOADS.length
            + " workloads x "
            + seconds
            + " s; brokers on CPU "
            + opt.get("--broker-cpu")
            + ", load on CPU "
            + opt.get("--load-cpu")
            + "; machine: "
            + machine
            + "; load average "
            + loadAverage());
    if (Boolean.parseBoolean(opt.get("--profile-only"))) {
      pin(ProcessHandle.current().pid(), opt.get("--load-cpu"));
      profileOnly();
      return;
    }
    // Before this JVM pins itself: its children inherit its CPUs, and the start-up brokers are to
    // have all of them (until 2026-12-03 they ran on the load's one CPU).
    startups(Integer.parseInt(opt.get("--startups")));
    if (Boolean.parseBoolean(opt.get("--startup-only"))) {
      return;
    }
    pin(ProcessHandle.current().pid(), opt.get("--load-cpu"));
    KafkaBroker none = null;
    KafkaBroker agent = null;
    try {
      none = broker(false).start();
      double noneStart = none.startupTime().toNanos() / 1e9;
      agent = broker(true).start();
      agent.awaitOutput(AGENT_STARTED, Duration.ofSeconds(10));
      double agentStart = agent.startupTime().toNanos() / 1e9;
      say(
          String.format(
              "start-up of the measured brokers: without %.2f s, with %.2f s",
              noneStart, agentStart));
      KafkaBroker[] sides = {none, agent};
      for (KafkaBroker b : sides) {
        pin(b.pid(), opt.get("--broker-cpu"));
        createTopics(b);
      }
      warmUp(sides);
      settle(sides);
      measure(sides);
      profile(agent);
      jfrBytes(agent);
      report(
          String.format(
              "done in %.1f min; load average at the end %s",
              (System.nanoTime() - began) / 60e9, loadAverage()));
    } finally {
      for (KafkaBroker b : new KafkaBroker[] {none, agent}) {
        if (b != null) {
          b.close();
        }
      }
      Files.write(out.resolve("summary.txt"), lines);
    }
  }

  /**
   * {@code --profile-only true}: only a broker with the agent ({@code --agent-jar}, e.g. an older
   * build for a before/after), warmed as in the full run, then profiled under each workload.
   */
  private void profileOnly() throws Exception {
    try (KafkaBroker agent = broker(true).start()) {
      agent.awaitOutput(AGENT_STARTED, Duration.ofSeconds(10));
      pin(agent.pid(), opt.get("--broker-cpu"));
      createTopics(agent);
      for (int round = 0; round < 2; round++) {
        for (String w : WORKLOADS) {
          load(w, agent, 0, Integer.parseInt(opt.get("--warmup-seconds")));
        }
      }
      profile(agent);
    } finally {
      Files.write(out.resolve("summary.txt"), lines);
    }
  }

  /**
   * Start-up added: fresh brokers started and stopped alternately, unpinned, before anything else
   * runs. With {@code --baseline-jar} (an older build) each round starts three brokers, without,
   * with the baseline and with {@code --agent-jar}, the order rotated round to round, so that a
   * change in the figure can be told from a change in the machine.
   */
  private void startups(int rounds) throws Exception {
    String baseline = opt.get("--baseline-jar");
    String[] sides =
        baseline == null
            ? new String[] {"none", "agent"}
            : new String[] {"none", "baseline", "agent"};
    List<List<Double>> times = new ArrayList<>();
    for (String side : sides) {
      times.add(new ArrayList<>());
    }
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < sides.length; k++) {
        int side = (i + k) % sides.length;
        String jar =
            side == 0
                ? null
                : opt.get(sides[side].equals("agent") ? "--agent-jar" : "--baseline-jar");
        try (KafkaBroker b = broker(jar, "startup-" + i + "-" + sides[side]).start()) {
          if (jar != null) {
            b.awaitOutput(AGENT_STARTED, Duration.ofSeconds(10));
          }
          times.get(side).add(b.startupTime().toNanos() / 1e9);
        }
      }
    }
    if (rounds == 0) {
      return;
    }
    List<Double> without = times.get(0);
    for (int side = 1; side < sides.length; side++) {
      List<Double> added = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        added.add(times.get(side).get(i) - without.get(i));
      }
      report(
          String.format(
              "start-up%s (JVM launch to \"Kafka Server started\", %d alternating %s of fresh"
                  + " brokers, unpinned): without %.2f s (median), added %+.2f s median (%+.2f -"
                  + " %+.2f; per pair %s); load average %s",
              sides[side].equals("baseline") ? " of --baseline-jar" : "",
              rounds,
              sides.length == 2 ? "pairs" : "rounds",
              Stats.median(without),
              Stats.median(added),
              Stats.min(added),
              Stats.max(added),
              added.stream().map(d -> String.format("%+.2f", d)).toList(),
              loadAverage()));
    }
  }

  private KafkaBroker.Builder broker(boolean withAgent) {
    return broker(withAgent ? opt.get("--agent-jar") : null, withAgent ? "agent" : "none");
  }

  private KafkaBroker.Builder broker(String agentJar, String name) {
    Path dir = out.resolve(name);
    KafkaBroker.Builder b =
        KafkaBroker.builder()
            .kafkaVersion(opt.get("--kafka"))
            .workDir(dir)
            .logDir(dir.resolve("logs"))
            .startTimeout(Duration.ofSeconds(180));
    for (String arg :
        List.of(
            "-Xms1g",
            "-Xmx1g",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent",
            // Debug info at every PC, not only at safepoints, so that async-profiler charges a
            // sample in inlined code to its own frame, not to the nearest safepoint's (a probe
            // inlined into Kafka's method would take samples of the Kafka code around it). Both
            // sides alike.
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:+DebugNonSafepoints")) {
      b.jvmArg(arg);
    }
    return agentJar != null ? b.agentJar(Path.of(agentJar)) : b.withoutAgent();
  }

  private void createTopics(KafkaBroker b) throws Exception {
    BrokerAB.createTopic(b, "fixed", BrokerAB.PARTITIONS);
    BrokerAB.createTopic(b, "max", BrokerAB.PARTITIONS);
    BrokerAB.createTopic(b, "wide", Integer.parseInt(opt.get("--wide-partitions")));
  }

  /**
   * The first 60 s of load on each side (--warmup-seconds per workload), the JIT's work counted.
   */
  private void warmUp(KafkaBroker[] sides) throws Exception {
    JitCounters.Reading[] delta = new JitCounters.Reading[2];
    double[] cpu = new double[2];
    for (int s = 0; s < 2; s++) {
      JitCounters.Reading before = JitCounters.read(sides[s].pid());
      ProcCpu proc = new ProcCpu(sides[s].pid());
      ProcCpu.Sample c0 = proc.sample();
      for (String w : WORKLOADS) {
        load(w, sides[s], 0, Integer.parseInt(opt.get("--warmup-seconds")));
      }
      cpu[s] = proc.sample().minus(c0).processNanos() / 1e9;
      delta[s] = JitCounters.read(sides[s].pid()).minus(before);
    }
    report(
        String.format(
            "warm-up (first %d s of load): methods compiled without %d, with %d (%+d); JIT time"
                + " without %.2f s, with %.2f s (%+.2f s); broker CPU without %.1f s, with %.1f s"
                + " (%+.1f s)",
            3 * Integer.parseInt(opt.get("--warmup-seconds")),
            delta[0].compiles(),
            delta[1].compiles(),
            delta[1].compiles() - delta[0].compiles(),
            delta[0].compileSeconds(),
            delta[1].compileSeconds(),
            delta[1].compileSeconds() - delta[0].compileSeconds(),
            cpu[0],
            cpu[1],
            cpu[1] - cpu[0]));
  }

  /**
   * Rounds of 10 s per workload per side until both compile fewer than --settle-per-10s methods per
   * 10 s.
   */
  private void settle(KafkaBroker[] sides) throws Exception {
    int limit = Integer.parseInt(opt.get("--settle-per-10s"));
    int rounds = Integer.parseInt(opt.get("--settle-max-rounds"));
    for (int round = 1; round <= rounds; round++) {
      double[] rate = new double[2];
      for (int s = 0; s < 2; s++) {
        JitCounters.Reading before = JitCounters.read(sides[s].pid());
        for (String w : WORKLOADS) {
          load(w, sides[s], 0, Integer.parseInt(opt.get("--settle-seconds")));
        }
        rate[s] = JitCounters.read(sides[s].pid()).minus(before).compilesPer10s();
      }
      report(
          String.format(
              "settling round %d: compilations per 10 s without %.1f, with %.1f",
              round, rate[0], rate[1]));
      if (rate[0] <= limit && rate[1] <= limit) {
        report("JIT settled (both at most " + limit + " compilations per 10 s)");
        return;
      }
    }
    report(
        "JIT not settled within "
            + rounds
            + " rounds: measured anyway (see the compilations per run)");
  }

  private void measure(KafkaBroker[] sides) throws Exception {
    Path tsv = out.resolve("steady.tsv");
    Files.writeString(
        tsv,
        "pair\tworkload\tside\tcpu_s\trecords\trequests\trecords_per_s\tp50_ms\tp99_ms\tp999_ms"
            + "\tcompiles\tloadavg\n");
    Map<String, List<Run>> byWorkload = new LinkedHashMap<>();
    for (int pair = 1; pair <= pairs; pair++) {
      int first = pair % 2; // agent first on odd pairs
      JitCounters.Reading[] jitBefore = {
        JitCounters.read(sides[0].pid()), JitCounters.read(sides[1].pid())
      };
      Run[][] runs = new Run[WORKLOADS.length][2];
      for (int w = 0; w < WORKLOADS.length; w++) {
        for (int k = 0; k < 2; k++) {
          int s = k == 0 ? first : 1 - first;
          runs[w][s] = load(WORKLOADS[w], sides[s], 2, seconds);
        }
      }
      long[] compiles = new long[2];
      for (int s = 0; s < 2; s++) {
        compiles[s] = JitCounters.read(sides[s].pid()).minus(jitBefore[s]).compiles();
      }
      for (int w = 0; w < WORKLOADS.length; w++) {
        for (int s = 0; s < 2; s++) {
          Run r = runs[w][s];
          Files.writeString(
              tsv,
              String.format(
                  "%d\t%s\t%s\t%.3f\t%d\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%d\t%s%n",
                  pair,
                  WORKLOADS[w],
                  s == 1 ? "agent" : "none",
                  r.cpuSeconds,
                  r.records,
                  r.requests,
                  r.perSecond,
                  r.p50,
                  r.p99,
                  r.p999,
                  compiles[s],
                  r.loadAverage),
              StandardOpenOption.APPEND);
          byWorkload.computeIfAbsent(WORKLOADS[w], x -> new ArrayList<>()).add(r);
        }
        say(
            String.format(
                "pair %d %s: CPU/record with/without %.4f (%.2f vs %.2f us), p99 %.2f vs %.2f ms,"
                    + " %.0f vs %.0f records/s; compilations in this pair with %d, without %d; load"
                    + " %s",
                pair,
                WORKLOADS[w],
                runs[w][1].cpuPerRecord() / runs[w][0].cpuPerRecord(),
                runs[w][1].cpuPerRecord() * 1e6,
                runs[w][0].cpuPerRecord() * 1e6,
                runs[w][1].p99,
                runs[w][0].p99,
                runs[w][1].perSecond,
                runs[w][0].perSecond,
                compiles[1],
                compiles[0],
                runs[w][1].loadAverage));
      }
    }
    report(
        "steady state, "
            + pairs
            + " pairs, "
            + seconds
            + " s per run; ratios with/without per pair: median [95 %"
            + " bootstrap interval of the median] (min - max)");
    for (Map.Entry<String, List<Run>> e : byWorkload.entrySet()) {
      List<Run> rs = e.getValue();
      report(e.getKey() + ":");
      report("  broker CPU per record    " + ratio(rs, Run::cpuPerRecord));
      if (e.getKey().startsWith("max")) {
        report("  broker CPU per request   " + ratio(rs, Run::cpuPerRequest));
        report(
            "  records per request      "
                + ratio(rs, r -> r.records / (double) Math.max(1, r.requests)));
      }
      report("  throughput (records/s)   " + ratio(rs, r -> r.perSecond));
      if (!e.getKey().startsWith("max")) {
        report("  p50                      " + ratio(rs, r -> r.p50));
        report("  p99                      " + ratio(rs, r -> r.p99));
        report("  p99.9                    " + ratio(rs, r -> r.p999));
      }
      report(
          String.format(
              "  absolute: CPU per record without %.2f us, with %.2f us (medians); load average %s"
                  + " - %s",
              Stats.median(side(rs, false, Run::cpuPerRecord)) * 1e6,
              Stats.median(side(rs, true, Run::cpuPerRecord)) * 1e6,
              Stats.min(side(rs, false, r -> r.loadAverage)),
              Stats.max(side(rs, true, r -> r.loadAverage))));
    }
  }

  /** Runs are stored none, agent, none, agent... per workload: pair i is elements 2i and 2i+1. */
  private static String ratio(List<Run> rs, ToDoubleFunction<Run> f) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i + 1 < rs.size(); i += 2) {
      ratios.add(f.applyAsDouble(rs.get(i + 1)) / f.applyAsDouble(rs.get(i)));
    }
    double[] ci = Stats.bootstrapMedianInterval(ratios);
    return String.format(
        "%.4f [%.4f - %.4f] (%.4f - %.4f)",
        Stats.median(ratios), ci[0], ci[1], Stats.min(ratios), Stats.max(ratios));
  }

  private static List<Double> side(List<Run> rs, boolean agent, ToDoubleFunction<Run> f) {
    List<Double> v = new ArrayList<>();
    for (int i = agent ? 1 : 0; i < rs.size(); i += 2) {
      v.add(f.applyAsDouble(rs.get(i)));
    }
    return v;
  }

  private void profile(KafkaBroker agent) throws Exception {
    Path lib = AsyncProfilerAttach.library(out.resolve("profiler"));
    int profileSeconds = Integer.parseInt(opt.get("--profile-seconds"));
    for (String w : WORKLOADS) {
      Path collapsed = out.resolve("profile-" + w + ".collapsed");
      AsyncProfilerAttach.command(agent.pid(), lib, "start,event=cpu,interval=1ms");
      load(w, agent, 0, profileSeconds);
      AsyncProfilerAttach.command(agent.pid(), lib, "stop,collapsed,file=" + collapsed);
      AsyncProfilerAttach.Share share = AsyncProfilerAttach.summarise(collapsed, 8);
      report(
          share.text(
              "async-profiler (cpu, 1 ms) in the warm agent broker, "
                  + w
                  + ", "
                  + profileSeconds
                  + " s"));
    }
  }

  private void jfrBytes(KafkaBroker agent) throws Exception {
    int partitions = Integer.parseInt(opt.get("--wide-partitions"));
    int jfrSeconds = Integer.parseInt(opt.get("--jfr-seconds"));
    Path file = out.resolve("agent-events.jfr");
    JfrBytes.start(agent.pid(), file);
    load("wide-2k", agent, 0, jfrSeconds);
    report(JfrBytes.stop(agent.pid(), file, jfrSeconds, 60).text(partitions));
  }

  /** One measured run of a workload on one broker. */
  record Run(
      double cpuSeconds,
      long records,
      long requests,
      double perSecond,
      double p50,
      double p99,
      double p999,
      double loadAverage) {
    double cpuPerRecord() {
      return cpuSeconds / Math.max(1, records);
    }

    double cpuPerRequest() {
      return cpuSeconds / Math.max(1, requests);
    }
  }

  private Run load(String workload, KafkaBroker b, int warmupSeconds, int measureSeconds)
      throws Exception {
    ProcCpu cpu = new ProcCpu(b.pid());
    switch (workload) {
      case "fixed-1k":
        {
          FixedRateLoad.Result r =
              FixedRateLoad.run(
                  b.bootstrapServers(),
                  "fixed",
                  BrokerAB.PARTITIONS,
                  Integer.parseInt(opt.get("--fixed-rate")),
                  1024,
                  warmupSeconds,
                  measureSeconds,
                  cpu);
          return fixed(r, measureSeconds);
        }
      case "wide-2k":
        {
          FixedRateLoad.Result r =
              FixedRateLoad.run(
                  b.bootstrapServers(),
                  "wide",
                  Integer.parseInt(opt.get("--wide-partitions")),
                  Integer.parseInt(opt.get("--wide-rate")),
                  100,
                  warmupSeconds,
                  measureSeconds,
                  cpu);
          return fixed(r, measureSeconds);
        }
      default:
        {
          MaxThroughputLoad.Result r =
              MaxThroughputLoad.run(
                  b.bootstrapServers(),
                  "max",
                  Integer.parseInt(opt.get("--producers")),
                  100,
                  Math.max(1, warmupSeconds),
                  measureSeconds,
                  cpu);
          return new Run(
              r.brokerCpu().processNanos() / 1e9,
              r.records(),
              r.requests(),
              r.recordsPerSecond(),
              Double.NaN,
              Double.NaN,
              Double.NaN,
              loadAverage());
        }
    }
  }

  private static Run fixed(FixedRateLoad.Result r, int measureSeconds) {
    return new Run(
        r.brokerCpu().processNanos() / 1e9,
        r.sortedNanos().length,
        r.sortedNanos().length,
        r.sortedNanos().length / (double) measureSeconds,
        r.percentileMillis(0.50),
        r.percentileMillis(0.99),
        r.percentileMillis(0.999),
        loadAverage());
  }

  private static void pin(long pid, String cpu) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpu, String.valueOf(pid))
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("taskset failed: " + text);
    }
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private void report(String line) {
    lines.add(line);
    say(line);
  }

  private static void say(String line) {
    System.out.println("bench: " + line);
  }
}
