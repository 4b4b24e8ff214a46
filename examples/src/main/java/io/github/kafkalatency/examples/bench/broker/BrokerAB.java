package io.github.kafkalatency.examples.bench.broker;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The broker A/B benchmark run by {@code scripts/bench.sh}: the same Kafka version on the same
 * machine in one run, alternately with and without the agent (default options), a fresh broker each
 * time, and two produce loads per broker:
 *
 * <ul>
 *   <li>fixed rate: {@code --rate} 1 KB records/s, acks=1, linger.ms=0, over a 6-partition topic;
 *       per-record latency from due time to acknowledgement (p50, p99, p99.9);
 *   <li>maximum throughput: {@code --producers} producers, linger.ms=5, batch.size=64 KB, acks=1;
 *       acknowledged records/s.
 * </ul>
 *
 * Runs are paired (pair i = one broker with the agent and one without, the order alternating from
 * pair to pair so neither side always goes first), and each figure is reported as the median and
 * the min–max of its per-pair ratio with/without. Start-up is JVM launch to "Kafka Server started"
 * from the same runs. Then a broker with {@code --memory-partitions} partitions under a load that
 * touches all of them, with and without the agent: its live heap after a full GC.
 *
 * <p>Everything lands in {@code --out}: {@code results.tsv} (one line per run), {@code memory.tsv},
 * {@code summary.txt} (what is printed at the end), {@code overhead.svg}, and each run's {@code
 * broker.out} under {@code runs/}.
 */
public final class BrokerAB {
  static final String TOPIC = "ab";
  static final int PARTITIONS = 6;
  static final int RECORD_BYTES = 1024;
  private static final Pattern AGENT_STARTED = Pattern.compile("kafka-latency-agent \\S+ started");
  private static final Pattern AGENT_PART_OFF =
      Pattern.compile("failed and (is|are) off|kafka-latency-agent: disabled");

  private final BenchOptions opts;
  private final Path runs;
  private final ThreadCpuTable fixedThreads = new ThreadCpuTable("fixed rate");
  private final ThreadCpuTable maxThreads = new ThreadCpuTable("maximum throughput");

  private BrokerAB(BenchOptions opts) {
    this.opts = opts;
    this.runs = opts.out().resolve("runs");
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("--report")) {
      report(Path.of(args[1]).toAbsolutePath(), Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    BenchOptions opts;
    try {
      opts = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    BrokerAB bench = new BrokerAB(opts);
    Files.createDirectories(opts.out());
    Files.writeString(opts.out().resolve("options.txt"), String.join("\t", args) + "\n");
    bench.run();
  }

  /**
   * {@code --report DIR}: the summary and the plot again from a finished run's {@code results.tsv},
   * {@code memory.tsv} and saved histograms, with the options it was run with ({@code
   * options.txt}); written to {@code DIR} (or {@code --out}). For a changed plot or summary without
   * running the benchmark again.
   */
  private static void report(Path dir, String[] given) throws Exception {
    List<String> args = new ArrayList<>();
    Path optionsFile = dir.resolve("options.txt");
    if (Files.isRegularFile(optionsFile)) {
      String saved = Files.readString(optionsFile).strip();
      String[] tokens = saved.isEmpty() ? new String[0] : saved.split("\t");
      for (int i = 0; i + 1 < tokens.length; i += 2) {
        if (!tokens[i].equals("--out") && !tokens[i].equals("--agent-jar")) {
          args.add(tokens[i]);
          args.add(tokens[i + 1]);
        }
      }
    }
    args.addAll(List.of("--agent-jar", dir.resolve("snapshot/kafka-latency-agent.jar").toString()));
    args.addAll(List.of("--out", dir.toString()));
    for (int i = 0; i + 1 < given.length; i += 2) { // given options replace saved ones
      int at = args.indexOf(given[i]);
      if (at >= 0) {
        args.set(at + 1, given[i + 1]);
      } else {
        args.add(given[i]);
        args.add(given[i + 1]);
      }
    }
    BenchOptions opts = BenchOptions.parse(args.toArray(new String[0]));
    List<RunResult> runs = new ArrayList<>();
    Path results = dir.resolve("results.tsv");
    if (Files.isRegularFile(results)) {
      for (String line : Files.readAllLines(results)) {
        if (!line.isBlank() && !line.startsWith("pair\t")) {
          runs.add(RunResult.parse(line));
        }
      }
    }
    List<MemoryResult> memory = new ArrayList<>();
    Path memoryFile = dir.resolve("memory.tsv");
    if (Files.isRegularFile(memoryFile)) {
      for (String line : Files.readAllLines(memoryFile)) {
        if (!line.isBlank() && !line.startsWith("side\t")) {
          memory.add(MemoryResult.parse(line, dir.resolve("runs")));
        }
      }
    }
    String machine = Machine.describe() + " (where the report was made)";
    Path summaryFile = dir.resolve("summary.txt");
    if (Files.isRegularFile(summaryFile)) {
      machine =
          Files.readAllLines(summaryFile).stream()
              .filter(l -> l.startsWith("machine: "))
              .map(l -> l.substring("machine: ".length()))
              .findFirst()
              .orElse(machine);
    }
    Files.createDirectories(opts.out());
    Summary summary = new Summary(opts, machine, runs, memory);
    String text = summary.text();
    Files.writeString(opts.out().resolve("summary.txt"), text);
    OverheadPlot.write(opts.out().resolve("overhead.svg"), summary);
    System.out.print(text);
    say("summary.txt and overhead.svg written to " + opts.out());
  }

  private void run() throws Exception {
    Files.createDirectories(runs);
    long began = System.nanoTime();
    String machine = Machine.describe();
    say(
        "Kafka "
            + opts.kafka()
            + ", "
            + opts.pairs()
            + " pair(s), "
            + opts.warmup()
            + " s warm-up + "
            + opts.seconds()
            + " s measured per load; agent "
            + opts.agentJar()
            + " ("
            + (opts.agentArgs().isEmpty() ? "default options" : opts.agentArgs())
            + ")");
    say("machine: " + machine);
    say("output: " + opts.out());

    // Not counted: the first start of each side reads the jars from disk, and the first loads
    // compile the
    // producer code of this JVM; both would otherwise favour whichever side runs later.
    say(
        "warm-up (not counted): one broker without and one with the agent, each under both loads"
            + " for "
            + Math.max(2, opts.seconds() / 3)
            + " s");
    for (boolean agent : new boolean[] {false, true}) {
      Path dir = runs.resolve("00-warmup-" + (agent ? "agent" : "none"));
      try (KafkaBroker b = broker(agent, dir).start()) {
        checkAgent(b, agent);
        createTopic(b, TOPIC, PARTITIONS);
        ProcCpu cpu = new ProcCpu(b.pid());
        FixedRateLoad.run(
            b.bootstrapServers(),
            TOPIC,
            PARTITIONS,
            opts.rate(),
            RECORD_BYTES,
            1,
            Math.max(2, opts.seconds() / 3),
            cpu);
        MaxThroughputLoad.run(
            b.bootstrapServers(),
            TOPIC,
            opts.producers(),
            RECORD_BYTES,
            1,
            Math.max(2, opts.seconds() / 3),
            cpu);
      } finally {
        deleteRecursively(dir.resolve("logs"));
      }
    }

    Path results = opts.out().resolve("results.tsv");
    Files.writeString(results, RunResult.HEADER + "\n");
    List<RunResult> all = new ArrayList<>();
    int n = 0;
    for (int pair = 1; pair <= opts.pairs(); pair++) {
      boolean[] order = pair % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true};
      for (int pos = 0; pos < 2; pos++) {
        n++;
        RunResult r =
            runOnce(
                pair,
                pos + 1,
                order[pos],
                String.format("%02d-pair%d-%s", n, pair, order[pos] ? "agent" : "none"));
        all.add(r);
        Files.writeString(results, r.tsv() + "\n", StandardOpenOption.APPEND);
        say(r.describe());
      }
    }

    List<MemoryResult> memory = new ArrayList<>();
    if (!opts.memoryPartitions().isEmpty()) {
      Path memoryFile = opts.out().resolve("memory.tsv");
      Files.writeString(memoryFile, MemoryResult.HEADER + "\n");
      for (int partitions : opts.memoryPartitions()) {
        for (boolean agent : new boolean[] {false, true}) {
          MemoryResult m = runMemory(agent, partitions);
          memory.add(m);
          Files.writeString(memoryFile, m.tsv() + "\n", StandardOpenOption.APPEND);
          say(m.describe());
        }
      }
    }

    Summary summary = new Summary(opts, machine, all, memory);
    String text = summary.text() + "\n" + fixedThreads.text(12) + "\n" + maxThreads.text(12);
    Files.writeString(opts.out().resolve("summary.txt"), text);
    OverheadPlot.write(opts.out().resolve("overhead.svg"), summary);
    System.out.println();
    System.out.print(text);
    System.out.println();
    say(
        String.format(
            "done in %.1f min; results.tsv, memory.tsv, summary.txt and overhead.svg in %s",
            (System.nanoTime() - began) / 60e9, opts.out()));
  }

  private RunResult runOnce(int pair, int position, boolean agent, String name) throws Exception {
    Path dir = runs.resolve(name);
    List<String> jvm = new ArrayList<>();
    if (opts.profile()) {
      jvm.add(
          "-XX:StartFlightRecording=filename="
              + dir.resolve("profile.jfr")
              + ",settings=profile,dumponexit=true");
    }
    KafkaBroker broker = broker(agent, dir, jvm).start();
    try {
      checkAgent(broker, agent);
      double startup = broker.startupTime().toNanos() / 1e9;
      createTopic(broker, TOPIC, PARTITIONS);
      java.time.Instant loadFrom = java.time.Instant.now();
      ProcCpu cpu = new ProcCpu(broker.pid());
      FixedRateLoad.Result fixed =
          FixedRateLoad.run(
              broker.bootstrapServers(),
              TOPIC,
              PARTITIONS,
              opts.rate(),
              RECORD_BYTES,
              opts.warmup(),
              opts.seconds(),
              cpu);
      MaxThroughputLoad.Result max =
          MaxThroughputLoad.run(
              broker.bootstrapServers(),
              TOPIC,
              opts.producers(),
              RECORD_BYTES,
              Math.max(1, opts.warmup() / 2),
              opts.seconds(),
              cpu);
      java.time.Instant loadTo = java.time.Instant.now();
      double loadAverage = loadAverage();
      broker.stop();
      checkAgentStillOn(broker, agent);
      if (opts.profile()) {
        Path jfr = dir.resolve("profile.jfr");
        String profile = ProfileSummary.summarise(jfr, loadFrom, loadTo, 12);
        Files.writeString(dir.resolve("profile.txt"), profile + "\n");
        say("profile of " + name + " (" + jfr + "):\n" + profile);
      }
      fixedThreads.add(pair, agent, fixed.brokerCpu(), fixed.sortedNanos().length);
      maxThreads.add(pair, agent, max.brokerCpu(), max.records());
      return RunResult.of(pair, position, agent, startup, fixed, max, loadAverage);
    } finally {
      broker.close();
      deleteRecursively(dir.resolve("logs")); // GBs per run; broker.out stays
    }
  }

  private MemoryResult runMemory(boolean agent, int partitions) throws Exception {
    Path dir = runs.resolve("memory-" + partitions + "-" + (agent ? "agent" : "none"));
    say(
        "memory: broker "
            + (agent ? "with" : "without")
            + " the agent, "
            + partitions
            + " partitions, load on all of them for "
            + opts.memorySeconds()
            + " s");
    KafkaBroker broker = broker(agent, dir).start();
    try {
      checkAgent(broker, agent);
      double startup = broker.startupTime().toNanos() / 1e9;
      createTopic(broker, "mem", partitions);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong acked = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      Thread load =
          new Thread(
              () -> touchAll(broker.bootstrapServers(), "mem", partitions, running, acked, errors),
              "memory-load");
      load.setDaemon(true);
      load.start();
      long started = System.nanoTime();
      int earlyAt = Math.min(25, opts.memorySeconds() / 2);
      sleepUntil(started, earlyAt);
      HeapProbe.Histogram early =
          HeapProbe.histogram(broker.pid(), dir.resolve("histogram-early.txt"));
      sleepUntil(started, opts.memorySeconds());
      List<HeapProbe.Histogram> late = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        late.add(HeapProbe.histogram(broker.pid(), dir.resolve("histogram-" + i + ".txt")));
      }
      java.util.Map<Integer, Integer> large =
          HeapDumpScan.largeByteArrays(broker.pid(), dir.resolve("heap.hprof"), 1 << 20);
      long touched = acked.get();
      running.set(false);
      load.join(60_000);
      broker.stop();
      checkAgentStillOn(broker, agent);
      return new MemoryResult(
          agent,
          partitions,
          startup,
          opts.memorySeconds(),
          touched,
          errors.get(),
          early,
          late,
          large);
    } finally {
      broker.close();
      deleteRecursively(dir.resolve("logs"));
    }
  }

  /**
   * One producer, small records round-robin over every partition, each partition about once a
   * second.
   */
  private static void touchAll(
      String bootstrap,
      String topic,
      int partitions,
      AtomicBoolean running,
      AtomicLong acked,
      AtomicLong errors) {
    byte[] value = Producers.value(100);
    long interval = 1_000_000_000L / Math.max(1000, partitions);
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(bootstrap, 5, 16384)) {
      long start = System.nanoTime();
      for (long i = 0; running.get(); i++) {
        long wait = start + i * interval - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        producer.send(
            new ProducerRecord<>(topic, (int) (i % partitions), null, value),
            (md, e) -> {
              if (e == null) {
                acked.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
            });
      }
    }
  }

  private KafkaBroker.Builder broker(boolean agent, Path dir) {
    return broker(agent, dir, List.of());
  }

  /**
   * A fresh broker on the normal disk ({@code --out}, not tmpfs), with the heap and GC options of
   * {@code kafka-server-start.sh} ({@code KAFKA_HEAP_OPTS}, {@code KAFKA_JVM_PERFORMANCE_OPTS}).
   */
  private KafkaBroker.Builder broker(boolean agent, Path dir, List<String> extraJvmArgs) {
    KafkaBroker.Builder b =
        KafkaBroker.builder()
            .kafkaVersion(opts.kafka())
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
            "-XX:+ExplicitGCInvokesConcurrent")) {
      b.jvmArg(arg);
    }
    extraJvmArgs.forEach(b::jvmArg);
    if (agent) {
      b.agentJar(opts.agentJar());
      if (!opts.agentArgs().isEmpty()) {
        b.agentArgs(opts.agentArgs());
      }
    } else {
      b.withoutAgent();
    }
    return b;
  }

  /** A run on the wrong side, or with the agent off, would make the agent look free. */
  private static void checkAgent(KafkaBroker broker, boolean agent) throws InterruptedException {
    if (agent) {
      broker.awaitOutput(AGENT_STARTED, Duration.ofSeconds(10));
    } else if (broker.output().contains("kafka-latency-agent")) {
      throw new IllegalStateException(
          "the broker without the agent printed an agent line: see " + broker.outputFile());
    }
    checkAgentStillOn(broker, agent);
  }

  private static void checkAgentStillOn(KafkaBroker broker, boolean agent) {
    if (agent && AGENT_PART_OFF.matcher(broker.output()).find()) {
      throw new IllegalStateException(
          "a part of the agent turned itself off, the figures would be wrong: see "
              + broker.outputFile());
    }
  }

  static void createTopic(KafkaBroker broker, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(120, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (true) {
        try {
          TopicDescription d =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(30, TimeUnit.SECONDS)
                  .get(topic);
          if (d.partitions().size() == partitions
              && d.partitions().stream().allMatch(p -> p.leader() != null)) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          // the broker has not applied the new topic's metadata yet
          if (!(e.getCause()
              instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + ": not every partition has a leader after 120 s");
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * The 1-minute load average: this benchmark alone keeps it near 2-3 on 2 CPUs; more means other
   * work.
   */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void sleepUntil(long startNanos, int seconds) throws InterruptedException {
    long wait = startNanos + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void say(String line) {
    System.out.println("bench: " + line);
  }
}
