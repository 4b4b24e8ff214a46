package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow produce requests under a real fsfreeze: their dominant cause, their breakdown, and the
 * handler-saturation case where requests for other partitions are queue-dominated.
 */
class ProduceRequestScenarioTest {
  private static final int PARTITIONS = 8;

  /**
   * A broker on a loop ext4 under pinned load, frozen once for 300 ms; returns the recording's
   * events and the freeze window.
   */
  private static Run freezeUnderLoad(Path tmp, String version, int ioThreads) throws Exception {
    return freezeUnderLoad(tmp, version, ioThreads, null);
  }

  private static Run freezeUnderLoad(Path tmp, String version, int ioThreads, TlsKeys tls)
      throws Exception {
    FaultGate.need(FaultSupport.ext4Freeze());
    try (LoopFileSystem fs = LoopFileSystem.ext4(MemoryBackedDir.under(tmp), 1L << 30)) {
      Path logDir = fs.mountPoint().resolve("logs");
      Files.createDirectories(logDir);
      Instant frozen;
      Instant thawed;
      Path copy = tmp.resolve("produce-" + version + "-" + ioThreads + ".jfr");
      KafkaBroker.Builder builder =
          KafkaBroker.builder()
              .kafkaVersion(version)
              .logDir(logDir)
              .serverProperty("num.io.threads", String.valueOf(ioThreads))
              .agentArgs("intervalSeconds=5,thresholdMs=100,lockThresholdMs=100,slowRequestMs=100")
              .jvmArg(
                  "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default");
      if (tls != null) {
        builder.tls(tls.keystore(), tls.password());
      }
      try (KafkaBroker broker = builder.start()) {
        Clients.createTopic(broker.bootstrapServers(), "req", PARTITIONS);
        String bootstrap = tls == null ? broker.bootstrapServers() : broker.sslBootstrapServers();
        java.util.Map<String, String> client =
            tls == null ? java.util.Map.of() : tls.clientProperties();
        try (PinnedProducers load =
            PinnedProducers.start(bootstrap, client, "req", PARTITIONS, 3, 10, 512)) {
          // Warm: every producer connected (TLS handshakes take a while on 2 cores) and sending.
          long warm = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (load.acknowledged() < 600 && System.nanoTime() < warm) {
            Thread.sleep(100);
          }
          Thread.sleep(1_000);
          new ProcessBuilder("sync").start().waitFor();
          fs.freeze();
          frozen = Instant.now();
          try {
            Thread.sleep(300);
          } finally {
            fs.thaw();
          }
          thawed = Instant.now();
          Thread.sleep(2_000);
          assertTrue(
              load.acknowledged() > 500,
              "the load ran: "
                  + load.acknowledged()
                  + " acknowledged, "
                  + load.failed()
                  + " failed");
        }
        broker.stop();
        Files.copy(broker.workDir().resolve("recording.jfr"), copy);
      }
      List<RecordedEvent> everything = RecordingFile.readAllEvents(copy);
      System.out.printf(
          "%s: %d ProduceRequest events in all, %d slow writes in the freeze window%n",
          version,
          everything.stream().filter(e -> FreezeScenarioTest.isAgent(e, "ProduceRequest")).count(),
          everything.stream()
              .filter(e -> FreezeScenarioTest.isAgent(e, "LogFileOperation"))
              .filter(e -> FreezeScenarioTest.overlaps(e, frozen, thawed))
              .count());
      List<RecordedEvent> requests =
          everything.stream()
              .filter(e -> FreezeScenarioTest.isAgent(e, "ProduceRequest"))
              .filter(e -> FreezeScenarioTest.overlaps(e, frozen, thawed))
              .filter(e -> e.getDuration().toMillis() >= 200)
              .collect(Collectors.toList());
      requests.stream()
          .limit(6)
          .forEach(e -> System.out.println(version + ": " + FreezeScenarioTest.describe(e)));
      return new Run(requests);
    }
  }

  private record Run(List<RecordedEvent> slowRequests) {}

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"4.4.0", "3.9.2"})
  void frozenWritesMakeLockWaitOrWriteDominatedRequestsWhoseBreakdownAddsUp(
      String version, @TempDir Path tmp) throws Exception {
    List<RecordedEvent> slow = freezeUnderLoad(tmp, version, 24).slowRequests();
    assertFalse(slow.isEmpty(), "no produce request was slowed by the freeze");
    for (RecordedEvent e : slow) {
      long total = e.getDuration().toNanos();
      long parts =
          e.getDuration("requestQueueTime").toNanos()
              + e.getDuration("localTime").toNanos()
              + e.getDuration("remoteTime").toNanos()
              + e.getDuration("responseQueueTime").toNanos()
              + e.getDuration("responseSendTime").toNanos();
      assertTrue(
          Math.abs(total - parts) <= 1_000_000,
          "breakdown " + parts + " vs total " + total + ": " + FreezeScenarioTest.describe(e));
      assertTrue(e.getString("topicPartitions").startsWith("req-"), FreezeScenarioTest.describe(e));
      assertTrue(e.getString("clientId").startsWith("producer-"), FreezeScenarioTest.describe(e));
      assertTrue(e.getInt("acks") == 1 && e.getString("listener").equals("PLAINTEXT"));
    }
    long lockOrWrite =
        slow.stream()
            .filter(e -> List.of("lock-wait", "write").contains(e.getString("dominantCause")))
            .count();
    assertTrue(
        lockOrWrite * 2 > slow.size(),
        "most requests slowed by the freeze waited on a lock or a write: "
            + slow.stream()
                .map(e -> e.getString("dominantCause"))
                .collect(Collectors.groupingBy(c -> c, Collectors.counting())));
    System.out.printf(
        "Kafka %s: %d slow produce requests in the freeze, %d lock-wait or write dominated%n",
        version, slow.size(), lockOrWrite);
  }

  @Test
  void theSameOnATlsListener(@TempDir Path tmp) throws Exception {
    List<RecordedEvent> slow = freezeUnderLoad(tmp, "4.4.0", 24, TlsKeys.make(tmp)).slowRequests();
    assertFalse(slow.isEmpty(), "no produce request was slowed by the freeze");
    for (RecordedEvent e : slow) {
      assertTrue(
          "SSL".equals(e.getString("securityProtocol")) && "SSL".equals(e.getString("listener")),
          FreezeScenarioTest.describe(e));
      long parts =
          e.getDuration("requestQueueTime").toNanos()
              + e.getDuration("localTime").toNanos()
              + e.getDuration("remoteTime").toNanos()
              + e.getDuration("responseQueueTime").toNanos()
              + e.getDuration("responseSendTime").toNanos();
      assertTrue(
          Math.abs(e.getDuration().toNanos() - parts) <= 1_000_000, FreezeScenarioTest.describe(e));
    }
    long lockOrWrite =
        slow.stream()
            .filter(e -> List.of("lock-wait", "write").contains(e.getString("dominantCause")))
            .count();
    assertTrue(
        lockOrWrite * 2 > slow.size(), "TLS: most slow requests lock-wait or write dominated");
    System.out.printf(
        "TLS: %d slow produce requests in the freeze, %d lock-wait or write dominated%n",
        slow.size(), lockOrWrite);
  }

  @Test
  void withOneHandlerOtherPartitionsQueue(@TempDir Path tmp) throws Exception {
    List<RecordedEvent> slow = freezeUnderLoad(tmp, "4.4.0", 1).slowRequests();
    assertFalse(slow.isEmpty(), "no produce request was slowed by the freeze");
    List<RecordedEvent> stuck =
        slow.stream()
            .filter(e -> List.of("lock-wait", "write").contains(e.getString("dominantCause")))
            .collect(Collectors.toList());
    List<RecordedEvent> queued =
        slow.stream()
            .filter(e -> "queue".equals(e.getString("dominantCause")))
            .collect(Collectors.toList());
    assertFalse(
        queued.isEmpty(), "with one handler stuck in a write, other requests wait in the queue");
    List<String> stuckPartitions =
        stuck.stream()
            .map(e -> e.getString("topicPartitions").split(":")[0])
            .collect(Collectors.toList());
    assertTrue(
        queued.stream()
            .anyMatch(e -> !stuckPartitions.contains(e.getString("topicPartitions").split(":")[0])),
        "queue-dominated requests for partitions other than the stuck one");
    System.out.printf(
        "one handler: %d slow requests, %d write/lock-wait dominated (%s), %d queue dominated%n",
        slow.size(), stuck.size(), stuckPartitions, queued.size());
  }
}
