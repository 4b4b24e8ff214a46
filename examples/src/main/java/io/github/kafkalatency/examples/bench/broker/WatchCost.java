package io.github.kafkalatency.examples.bench.broker;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What a live {@code watch} costs the broker: one broker with the agent under a fixed-rate load,
 * its CPU time per acknowledged record (as the overhead benchmark measures it, from /proc) in
 * windows with a {@code watch <pid> --jsonl} attached and without, in pairs whose order alternates
 * (off-on, on-off, ...), after a warm-up. Prints each pair, the median ratio and the spread, and
 * the watch client's own CPU per record (it runs outside the broker, but on the same machine).
 *
 * <p>Usage: {@code java -cp examples/target/classes:$(cat examples/target/classpath.txt)
 * io.github.kafkalatency.examples.bench.broker.WatchCost --agent-jar
 * agent-core/target/kafka-latency-agent.jar [--pairs 5] [--seconds 20] [--rate 2000] --out DIR}.
 * Starts a broker: run it under the shared broker lock.
 */
public final class WatchCost {
  private static final int PARTITIONS = 8;
  private static final int RECORD_BYTES = 1024;
  private static final int SETTLE_SECONDS = 6;

  private WatchCost() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o =
        new java.util.HashMap<>(
            Map.of(
                "--pairs",
                "5",
                "--seconds",
                "20",
                "--rate",
                "2000",
                "--agent-jar",
                "agent-core/target/kafka-latency-agent.jar",
                "--out",
                "bench-output/watch-cost"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    int pairs = Integer.parseInt(o.get("--pairs"));
    int seconds = Integer.parseInt(o.get("--seconds"));
    int rate = Integer.parseInt(o.get("--rate"));
    Path jar = Path.of(o.get("--agent-jar")).toAbsolutePath();
    Path out = Files.createDirectories(Path.of(o.get("--out")));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> lines = new ArrayList<>();
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .agentJar(jar)
            .agentArgs("intervalSeconds=10")
            .workDir(out.resolve("broker"))
            .logDir(out.resolve("broker/logs"))
            .jvmArg("-Xms1g")
            .jvmArg("-Xmx1g")
            .jvmArg("-XX:+UseG1GC")
            .startTimeout(Duration.ofSeconds(180))
            .start()) {
      try (Admin admin =
          Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("watched", PARTITIONS, (short) 1))).all().get();
      }
      ProcCpu cpu = new ProcCpu(broker.pid());
      FixedRateLoad.run(
          broker.bootstrapServers(), "watched", PARTITIONS, rate, RECORD_BYTES, 10, 20, cpu);
      List<Double> ratios = new ArrayList<>();
      List<Double> offs = new ArrayList<>();
      List<Double> ons = new ArrayList<>();
      List<Double> clients = new ArrayList<>();
      for (int p = 0; p < pairs; p++) {
        double off = 0;
        double on = 0;
        for (boolean watched :
            p % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          Process watch =
              watched
                  ? new ProcessBuilder(
                          java,
                          "-jar",
                          jar.toString(),
                          "watch",
                          String.valueOf(broker.pid()),
                          "--jsonl")
                      .redirectOutput(out.resolve("watch-" + p + ".jsonl").toFile())
                      .redirectError(out.resolve("watch-" + p + ".err").toFile())
                      .start()
                  : null;
          Thread.sleep(SETTLE_SECONDS * 1000L); // attached, recording, first flushes done
          ProcCpu client = watched ? new ProcCpu(watch.pid()) : null;
          ProcCpu.Sample clientFrom = watched ? client.sample() : null;
          FixedRateLoad.Result r =
              FixedRateLoad.run(
                  broker.bootstrapServers(),
                  "watched",
                  PARTITIONS,
                  rate,
                  RECORD_BYTES,
                  2,
                  seconds,
                  cpu);
          double perRecord = r.brokerCpuMicrosPerRecord();
          if (watched) {
            if (!watch.isAlive()) {
              throw new IllegalStateException(
                  "the watch ended early: see " + out.resolve("watch-" + p + ".err"));
            }
            clients.add(
                client.sample().minus(clientFrom).processNanos()
                    / 1e3
                    / Math.max(1, r.sortedNanos().length));
            watch.destroy();
            watch.waitFor();
            on = perRecord;
          } else {
            off = perRecord;
          }
          Thread.sleep(SETTLE_SECONDS * 1000L); // the remote recording stopped
        }
        offs.add(off);
        ons.add(on);
        ratios.add(on / off);
        lines.add(
            String.format(
                Locale.ROOT,
                "pair %d (%s): broker CPU per record %.2f us without a watch, %.2f us"
                    + " with one: ratio %.3f",
                p + 1,
                p % 2 == 0 ? "off, on" : "on, off",
                off,
                on,
                on / off));
        System.out.println(lines.get(lines.size() - 1));
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "%d pairs of %d s at %d records/s (1 KB, %d partitions, Kafka 4.4.0, agent"
                  + " intervalSeconds=10): watched/unwatched broker CPU per record, median %.3f"
                  + " (min %.3f, max %.3f); without %.2f us, with %.2f us (medians); the watch"
                  + " client itself %.2f us per record (median)",
              pairs,
              seconds,
              rate,
              PARTITIONS,
              Stats.median(ratios),
              Stats.min(ratios),
              Stats.max(ratios),
              Stats.median(offs),
              Stats.median(ons),
              Stats.median(clients)));
      System.out.println(lines.get(lines.size() - 1));
    }
    Files.write(out.resolve("watch-cost.txt"), lines);
  }
}
