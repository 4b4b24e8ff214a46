package io.github.kafkalatency.examples.demo;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.ColdReadThrottle;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The main job, run by {@code scripts/demo.sh}: a real broker with the agent attached as {@code
 * KAFKA_OPTS} would attach it, a bounded produce load and a catching-up consumer, a real kernel
 * fault, and then what the agent found.
 *
 * <p>Usage: {@code Demo [--fault freeze|cold-read|none] [--kafka 4.4.0] [--seconds 20] [--out
 * DIR]}. The fault defaults to an ext4 freeze where root and loop devices exist; otherwise the demo
 * says why and runs without one. Everything it leaves (broker log, JFR recording) is under {@code
 * --out}.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = DemoOptions.parse(args);
    String kafka = opts.getOrDefault("kafka", "4.4.0");
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    String fault = opts.get("fault");
    if (fault == null) {
      Optional<String> why = FaultSupport.ext4Freeze();
      fault = why.isEmpty() ? "freeze" : "none";
      why.ifPresent(w -> System.out.println("demo: running without a fault: " + w));
    }
    Path out =
        Path.of(
                opts.getOrDefault(
                    "out",
                    "demo-output/"
                        + LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
            .toAbsolutePath();
    Files.createDirectories(out);
    System.out.println(
        "demo: Kafka "
            + kafka
            + ", fault "
            + fault
            + ", "
            + seconds
            + " s of load, output in "
            + out);

    switch (fault) {
      case "freeze":
        require(FaultSupport.ext4Freeze());
        try (LoopFileSystem fs = LoopFileSystem.ext4(out, 2L << 30)) {
          run(kafka, seconds, out, fs.mountPoint().resolve("logs"), new FreezeFault(fs));
        }
        break;
      case "cold-read":
        require(FaultSupport.xfsColdRead());
        try (LoopFileSystem fs = LoopFileSystem.xfs(out, 1L << 30)) {
          run(kafka, seconds, out, fs.mountPoint().resolve("logs"), new ColdReadFault(fs));
        }
        break;
      case "none":
        run(kafka, seconds, out, out.resolve("logs"), null);
        break;
      default:
        throw new IllegalArgumentException("--fault takes freeze, cold-read or none, not " + fault);
    }
  }

  private static void run(String kafka, int seconds, Path out, Path logDir, Fault fault)
      throws Exception {
    Files.createDirectories(logDir);
    Path recording = out.resolve("recording.jfr");
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion(kafka)
            .logDir(logDir)
            .workDir(out)
            .serverProperty("num.io.threads", "24")
            .agentArgs("intervalSeconds=5,thresholdMs=50,lockThresholdMs=20")
            .jvmArg(
                "-XX:StartFlightRecording=filename="
                    + recording
                    + ",dumponexit=true,settings=default")
            .start()) {
      System.out.println(
          "demo: broker started in "
              + broker.startupTime().toMillis()
              + " ms with "
              + broker.kafkaOpts());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("demo", 8, (short) 1)
                        .configs(Map.of("segment.bytes", String.valueOf(1 << 30)))))
            .all()
            .get();
      }
      try (PinnedProducers load =
              PinnedProducers.start(broker.bootstrapServers(), "demo", 8, 3, 10, 1024);
          CatchUpConsumer consumer = CatchUpConsumer.start(broker.bootstrapServers(), "demo")) {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        if (fault != null) {
          Thread.sleep(Math.min(5, seconds / 3) * 1000L);
          fault.inject(broker);
        }
        while (System.nanoTime() < end) {
          Thread.sleep(200);
        }
        System.out.printf(
            "demo: %d records acknowledged (%d failed), consumer read %d records%n",
            load.acknowledged(), load.failed(), consumer.records());
        if (fault != null) {
          fault.clear();
        }
      }
      Thread.sleep(6_000); // one more interval, so the last cascades reach the summary
      broker.stop();
      List<String> findings =
          broker
              .output()
              .lines()
              .filter(
                  l ->
                      l.contains("kafka.latency.agent.summary - cascade")
                          || l.contains("kafka.latency.agent.summary - stall"))
              .map(l -> l.substring(l.indexOf(" - ") + 3))
              .collect(Collectors.toList());
      System.out.println();
      System.out.println("What the agent found (" + findings.size() + " cascades and stalls):");
      findings.stream().limit(40).forEach(l -> System.out.println("  " + l));
      if (findings.isEmpty()) {
        System.out.println("  none" + (fault == null ? " (no fault was injected)" : ""));
      }
      System.out.println();
      System.out.println("Broker log:     " + broker.outputFile());
      System.out.println("JFR recording:  " + recording);
      System.out.println(
          "Read it with:   jfr print --events"
              + " 'kafkalatency.LogLockCascade,kafkalatency.LogDirStall' "
              + recording
              + "   (or open it in JDK Mission Control)");
    }
  }

  private static void require(Optional<String> why) {
    if (why.isPresent()) {
      throw new IllegalStateException("this fault cannot run here: " + why.get());
    }
  }

  /** A real kernel fault injected while the load runs. */
  private interface Fault {
    void inject(KafkaBroker broker) throws Exception;

    default void clear() throws Exception {}
  }

  /** Scenario A: the log dir's ext4 frozen for 300 ms, twice, as a journal commit stall would. */
  private static final class FreezeFault implements Fault {
    private final LoopFileSystem fs;

    FreezeFault(LoopFileSystem fs) {
      this.fs = fs;
    }

    @Override
    public void inject(KafkaBroker broker) throws Exception {
      for (int i = 0; i < 2; i++) {
        System.out.println("demo: fsfreeze " + fs.mountPoint() + " for 300 ms");
        fs.freezeFor(Duration.ofMillis(300));
        Thread.sleep(3_000);
      }
    }
  }

  /**
   * Scenario B: caches dropped and the broker's reads throttled on XFS, so the consumer's sendfile
   * is cold.
   */
  private static final class ColdReadFault implements Fault {
    private final LoopFileSystem fs;
    private ColdReadThrottle throttle;

    ColdReadFault(LoopFileSystem fs) {
      this.fs = fs;
    }

    @Override
    public void inject(KafkaBroker broker) throws Exception {
      System.out.println(
          "demo: dropping caches and throttling the broker's reads of "
              + fs.device()
              + " to 2 MB/s");
      ColdReadThrottle.dropCaches();
      throttle = ColdReadThrottle.create(fs.majorMinor(), 2L << 20);
      throttle.addProcess(broker.pid());
    }

    @Override
    public void clear() throws Exception {
      if (throttle != null) {
        throttle.close();
      }
    }
  }
}
