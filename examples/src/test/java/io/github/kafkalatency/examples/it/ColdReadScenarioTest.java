package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.ColdReadThrottle;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario B of docs/fault-scenarios.md (LINE's shape) on a real broker: log.dirs on XFS, one
 * partition with a large segment, caches dropped, reads throttled for the broker; a consumer
 * catching up from offset 0 (plaintext, so the network thread uses sendfile) while producers keep
 * appending. The agent must report a slow write naming the network thread's overlapping transferTo
 * on the same segment file.
 */
class ColdReadScenarioTest {
  private static final long THRESHOLD_MS = 100;

  @Test
  void slowWriteNamesTheNetworkThreadsColdTransfer(@TempDir Path tmp) throws Exception {
    FaultGate.need(FaultSupport.xfsColdRead());

    try (LoopFileSystem fs = LoopFileSystem.xfs(tmp, 1L << 30)) {
      Path logDir = fs.mountPoint().resolve("logs");
      Files.createDirectories(logDir);
      Path jfr;
      try (KafkaBroker broker =
          KafkaBroker.builder()
              .kafkaVersion("4.4.0")
              .logDir(logDir)
              .agentArgs(
                  "intervalSeconds=5,thresholdMs="
                      + THRESHOLD_MS
                      + ",lockThresholdMs="
                      + THRESHOLD_MS)
              .jvmArg(
                  "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
              .start()) {
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
          admin
              .createTopics(
                  List.of(
                      new NewTopic("cold", 1, (short) 1)
                          .configs(Map.of("segment.bytes", String.valueOf(1 << 30)))))
              .all()
              .get();
        }
        // ~48 MB of old data in the active segment.
        try (PinnedProducers fill = PinnedProducers.start(bootstrap, "cold", 1, 4, 0, 64 * 1024)) {
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (fill.acknowledged() < 750 && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
        }
        ColdReadThrottle.dropCaches();
        try (ColdReadThrottle throttle = ColdReadThrottle.create(fs.majorMinor(), 2L << 20);
            PinnedProducers appends = PinnedProducers.start(bootstrap, "cold", 1, 2, 10, 1000)) {
          throttle.addProcess(broker.pid());
          Thread.sleep(1_000);
          long read = catchUp(bootstrap, Duration.ofSeconds(12));
          System.out.println(
              "consumer read "
                  + read
                  + " bytes from offset 0; appends acknowledged "
                  + appends.acknowledged());
        }
        Thread.sleep(
            6_000); // past two grace periods: the cascades are complete and in a summary line
        broker.stop();
        broker
            .output()
            .lines()
            .filter(
                l ->
                    l.contains("kafka.latency.agent.summary - cascade")
                        || l.contains("kafka.latency.agent.summary - stall"))
            .forEach(System.out::println);
        jfr = broker.workDir().resolve("recording.jfr");
        Files.copy(jfr, tmp.resolve("cold.jfr"));
        jfr = tmp.resolve("cold.jfr");
      }
      List<RecordedEvent> all = RecordingFile.readAllEvents(jfr);
      List<RecordedEvent> slowWrites =
          all.stream()
              .filter(
                  e ->
                      FreezeScenarioTest.isAgent(e, "LogFileOperation")
                          && "write".equals(e.getString("operation")))
              .collect(Collectors.toList());
      slowWrites.forEach(e -> System.out.println(FreezeScenarioTest.describe(e)));
      assertFalse(
          slowWrites.isEmpty(), "no slow write: the cold read did not block the producer's write");
      List<RecordedEvent> behindTransfer =
          slowWrites.stream()
              .filter(e -> "transferTo".equals(e.getString("overlappingOperation")))
              .filter(
                  e -> e.getThread("overlappingThread").getJavaName().contains("network-thread"))
              .filter(
                  e ->
                      e.getString("file").startsWith("cold-0/")
                          && e.getString("file").endsWith(".log"))
              .collect(Collectors.toList());
      assertFalse(behindTransfer.isEmpty(), "no slow write names the network thread's transferTo");
      RecordedEvent e = behindTransfer.get(0);
      assertTrue(e.getLong("overlappingBytes") > 0);
      assertTrue(e.getLong("overlappingPosition") >= 0);
      assertTrue(
          e.getDuration("overlap").toMillis() >= THRESHOLD_MS / 2, FreezeScenarioTest.describe(e));
      Set<String> cascadesBehindTransfer =
          all.stream()
              .filter(
                  c ->
                      FreezeScenarioTest.isAgent(c, "LogLockCascade")
                          && "transferTo".equals(c.getString("overlappingOperation")))
              .map(FreezeScenarioTest::describe)
              .collect(Collectors.toSet());
      System.out.printf(
          "%d slow writes, %d behind a transferTo; cascades naming it: %d%n",
          slowWrites.size(), behindTransfer.size(), cascadesBehindTransfer.size());
      // The remedy, with its evidence: LINE's smaller segments, naming the transfer. On the stuck
      // write itself: the producers' next requests often sit unread behind the network thread's
      // sendfile, so no one may queue on the lock and there is no cascade to carry it.
      List<RecordedEvent> hinted =
          behindTransfer.stream()
              .filter(
                  w ->
                      w.getString("hint") != null
                          && w.getString("hint").contains("smaller log.segment.bytes"))
              .collect(Collectors.toList());
      hinted.stream().limit(2).forEach(w -> System.out.println("hint: " + w.getString("hint")));
      all.stream()
          .filter(
              c -> FreezeScenarioTest.isAgent(c, "LogLockCascade") && c.getString("hint") != null)
          .limit(2)
          .forEach(c -> System.out.println("cascade hint: " + c.getString("hint")));
      assertFalse(
          hinted.isEmpty(),
          "no slow write behind the transfer hints at a smaller log.segment.bytes");
      assertTrue(
          hinted.get(0).getString("hint").contains("transferTo of ")
              && hinted.get(0).getString("hint").contains("xfs on "),
          hinted.get(0).getString("hint"));
      // Where the stuck writes waited in the kernel, as the agent read it while they ran.
      behindTransfer.stream()
          .map(w -> w.getString("kernelWaitSite"))
          .distinct()
          .limit(5)
          .forEach(
              site ->
                  System.out.println("kernel wait site of a write behind the transfer: " + site));
      assertTrue(
          behindTransfer.stream().anyMatch(w -> w.getString("kernelWaitSite") != null),
          "no kernel wait site on a write stuck behind the transfer");
    }
  }

  /** A consumer from offset 0, reading for at most {@code limit}; returns the bytes it got. */
  private static long catchUp(String bootstrap, Duration limit) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "catch-up");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    long bytes = 0;
    long deadline = System.nanoTime() + limit.toNanos();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(Set.of("cold"));
      while (System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(500))) {
          bytes += r.serializedValueSize();
        }
      }
    }
    return bytes;
  }
}
