package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.fault.FaultSupport;
import io.github.kafkalatency.examples.fault.LoopFileSystem;
import io.github.kafkalatency.examples.load.PinnedProducers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis on real faults, in one broker run: ext4 on a loop device, 2 partitions with 6
 * pinned producers each and 16 request handlers (deep cascades: up to 5 waiters per lock), a small
 * young generation. First a quiet phase (no hint may be given), then two 300 ms fsfreezes, the
 * second with a full GC forced (jcmd GC.run) in its middle. Checked against the writes' own
 * slow-operation events and the JDK's GC events in the same recording:
 *
 * <ul>
 *   <li>every long lock wait's root holder is a thread inside a slow write overlapping the wait;
 *   <li>the verdict of every stall stays the file system, and a GC pause inside one is named as a
 *       share;
 *   <li>the stuck writers' kernel wait site is the freeze barrier, and the hint says so;
 *   <li>nothing without a fault gets a hint (other than one naming a JVM pause, which is evidence).
 * </ul>
 */
class DiagnosisScenarioTest {
  private static final int PARTITIONS = 2;
  private static final long THRESHOLD_MS = 50;
  private static final Duration FREEZE = Duration.ofMillis(300);

  @Test
  void deepCascadesAreRootedInTheStuckWritesAndTheDiskStaysTheVerdictThroughAGc(@TempDir Path tmp)
      throws Exception {
    FaultGate.need(FaultSupport.ext4Freeze());

    try (LoopFileSystem fs = LoopFileSystem.ext4(MemoryBackedDir.under(tmp), 1L << 30)) {
      Path logDir = fs.mountPoint().resolve("logs");
      Files.createDirectories(logDir);
      Instant quietStart;
      Instant quietEnd;
      Instant[] frozen = new Instant[2];
      Instant[] thawed = new Instant[2];
      Path jfr;
      List<String> summary;
      Map<Integer, Long> endOffsets;
      try (KafkaBroker broker =
          KafkaBroker.builder()
              .kafkaVersion("4.4.0")
              .logDir(logDir)
              .serverProperty("num.io.threads", "16")
              .agentArgs(
                  "intervalSeconds=5,thresholdMs="
                      + THRESHOLD_MS
                      + ",lockThresholdMs="
                      + THRESHOLD_MS)
              .jvmArg("-Xmn8m")
              .jvmArg(
                  "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
              .start()) {
        Clients.createTopic(broker.bootstrapServers(), "deep", PARTITIONS);
        try (PinnedProducers load =
            PinnedProducers.start(broker.bootstrapServers(), "deep", PARTITIONS, 6, 2, 512)) {
          Thread.sleep(3_000);
          quietStart = Instant.now();
          Thread.sleep(Long.getLong("kla.quietSeconds", 10) * 1000);
          quietEnd = Instant.now();
          Thread.sleep(3_000); // past the agent's grace period
          for (int i = 0; i < 2; i++) {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            fs.freeze();
            frozen[i] = Instant.now();
            try {
              Thread.sleep(FREEZE.toMillis() / 3);
              if (i == 1) {
                // a real full GC while the writes are stuck: the JVM pauses, but the disk is the
                // cause
                Process gc =
                    new ProcessBuilder("jcmd", String.valueOf(broker.pid()), "GC.run")
                        .redirectErrorStream(true)
                        .start();
                gc.getInputStream().readAllBytes();
                gc.waitFor();
              }
              long left = FREEZE.toMillis() - Duration.between(frozen[i], Instant.now()).toMillis();
              Thread.sleep(Math.max(0, left));
            } finally {
              fs.thaw();
            }
            thawed[i] = Instant.now();
            Thread.sleep(
                i == 0 ? 4_000 : 8_000); // past two grace periods and an interval: in the summary
          }
          assertTrue(load.acknowledged() > 1000, "load ran: " + load.acknowledged());
        }
        endOffsets = endOffsets(broker.bootstrapServers());
        Thread.sleep(3_000);
        broker.stop();
        jfr = tmp.resolve("diagnosis.jfr");
        Files.copy(broker.workDir().resolve("recording.jfr"), jfr);
        summary =
            broker
                .output()
                .lines()
                .filter(
                    l ->
                        l.contains("kafka.latency.agent.summary - stall")
                            || l.contains("kafka.latency.agent.summary - cascade")
                            || l.contains("kernel wait sites read"))
                .collect(Collectors.toList());
      }
      summary.forEach(System.out::println);
      List<RecordedEvent> all = RecordingFile.readAllEvents(jfr);
      for (int i = 0; i < 2; i++) {
        System.out.printf("freeze %d: %s to %s%n", i + 1, frozen[i], thawed[i]);
      }
      all.stream()
          .filter(
              e ->
                  e.getEventType().getName().equals("jdk.GarbageCollection")
                      && e.getDuration().toMillis() >= 5)
          .forEach(
              e ->
                  System.out.println(
                      "GC "
                          + e.getStartTime()
                          + " "
                          + e.getDuration().toMillis()
                          + " ms "
                          + e.getString("name")
                          + " ("
                          + e.getString("cause")
                          + ")"));

      // No fault, no hint (one naming a JVM pause is evidence, not a false alarm).
      assertEquals(
          List.of(),
          FreezeScenarioTest.hintsWithoutAFault(all, quietStart, quietEnd),
          "hints without a fault");

      List<RecordedEvent> writes =
          all.stream()
              .filter(
                  e ->
                      FreezeScenarioTest.isAgent(e, "LogFileOperation")
                          && "write".equals(e.getString("operation")))
              .collect(Collectors.toList());
      int checked = 0;
      int notAtArrival = 0;
      for (int i = 0; i < 2; i++) {
        Instant from = frozen[i].minusMillis(50);
        Instant to = thawed[i].plusMillis(50);
        // 1. Every long wait's root holder sat in a slow write that overlapped the wait.
        List<RecordedEvent> waits =
            all.stream()
                .filter(
                    e ->
                        FreezeScenarioTest.isAgent(e, "LogLockWait")
                            && FreezeScenarioTest.overlaps(e, from, to))
                .filter(e -> e.getDuration().toMillis() >= 2 * THRESHOLD_MS)
                .collect(Collectors.toList());
        assertFalse(waits.isEmpty(), "no long lock wait in freeze " + (i + 1));
        for (RecordedEvent w : waits) {
          assertNotNull(w.getThread("rootHolder"), "no root: " + FreezeScenarioTest.describe(w));
          long root = w.getThread("rootHolder").getJavaThreadId();
          boolean inSlowWrite =
              writes.stream()
                  .anyMatch(
                      x ->
                          x.getThread().getJavaThreadId() == root
                              && !x.getEndTime().isBefore(w.getStartTime())
                              && !x.getStartTime().isAfter(w.getEndTime()));
          assertTrue(
              inSlowWrite,
              "root holder not inside an overlapping slow write: "
                  + FreezeScenarioTest.describe(w));
          assertEquals("write", w.getString("rootHolderOperation"), FreezeScenarioTest.describe(w));
          assertTrue(
              w.getDuration("rootHolderCovered").toNanos() * 2 >= w.getDuration().toNanos(),
              "the root covered most of the wait: " + FreezeScenarioTest.describe(w));
          notAtArrival += w.getBoolean("rootHeldAtArrival") ? 0 : 1;
          checked++;
        }
        List<RecordedEvent> cascades =
            all.stream()
                .filter(
                    e ->
                        FreezeScenarioTest.isAgent(e, "LogLockCascade")
                            && FreezeScenarioTest.overlaps(e, from, to))
                .collect(Collectors.toList());
        assertTrue(
            cascades.stream().anyMatch(c -> c.getInt("waiters") >= 3),
            "a deep cascade in freeze "
                + (i + 1)
                + ": "
                + cascades.stream()
                    .map(FreezeScenarioTest::describe)
                    .collect(Collectors.joining("\n")));

        // 2. The stall's verdict is the file system; 3. its writers waited on the freeze barrier.
        List<RecordedEvent> stalls =
            all.stream()
                .filter(
                    e ->
                        FreezeScenarioTest.isAgent(e, "LogDirStall")
                            && FreezeScenarioTest.overlaps(e, from, to))
                .collect(Collectors.toList());
        assertEquals(
            1,
            stalls.size(),
            stalls.stream().map(FreezeScenarioTest::describe).collect(Collectors.joining("\n")));
        RecordedEvent stall = stalls.get(0);
        System.out.println("stall " + (i + 1) + ": " + FreezeScenarioTest.describe(stall));
        assertTrue(
            stall.getString("verdict").startsWith("the disk or file system"),
            FreezeScenarioTest.describe(stall));
        if (stall.getString("jvmPause") != null) {
          assertTrue(
              stall.getString("verdict").contains(", of which "),
              FreezeScenarioTest.describe(stall));
        }
        assertTrue(
            stall.getString("kernelWaitSite") != null
                && stall.getString("kernelWaitSite").contains("percpu_rwsem"),
            FreezeScenarioTest.describe(stall));
        assertTrue(
            stall.getString("hint") != null && stall.getString("hint").contains("freeze barrier"),
            FreezeScenarioTest.describe(stall));
      }
      // The forced full GC inside freeze 2, as the JDK saw it, overlapped the stall: named, not
      // blamed.
      Instant f2 = frozen[1];
      Instant t2 = thawed[1];
      Optional<RecordedEvent> gcInFreeze =
          all.stream()
              .filter(
                  e ->
                      e.getEventType().getName().equals("jdk.GarbageCollection")
                          && e.getDuration().toMillis() >= 10)
              .filter(e -> FreezeScenarioTest.overlaps(e, f2, t2))
              .findFirst();
      System.out.printf(
          "%d long waits checked, %d rooted in a thread that was not the holder at arrival; GC in"
              + " freeze 2: %s%n",
          checked,
          notAtArrival,
          gcInFreeze
              .map(e -> e.getDuration().toMillis() + " ms " + e.getString("name"))
              .orElse("none >= 10 ms"));
      // 4. The stuck writes name the batch they wrote: a base offset and count inside the log.
      List<RecordedEvent> stuck =
          writes.stream()
              .filter(
                  x ->
                      x.getString("topic").equals("deep")
                          && x.getThread().getJavaName().contains("request-handler"))
              .filter(
                  x ->
                      FreezeScenarioTest.overlaps(x, frozen[0], thawed[0])
                          || FreezeScenarioTest.overlaps(x, frozen[1], thawed[1]))
              .collect(Collectors.toList());
      assertFalse(stuck.isEmpty(), "no stuck handler write");
      for (RecordedEvent x : stuck) {
        long base = x.getLong("baseOffset");
        long records = x.getLong("records");
        System.out.printf(
            "stuck write %s: %d bytes, records %d from offset %d (log end %d)%n",
            x.getString("file"),
            x.getLong("bytes"),
            records,
            base,
            endOffsets.get(x.getInt("partition")));
        assertTrue(
            base >= 0 && records >= 1 && base + records <= endOffsets.get(x.getInt("partition")),
            FreezeScenarioTest.describe(x));
      }
      // The offline report on the same recording says the same.
      Process report =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  AgentJarTest.agentJar().toAbsolutePath().toString(),
                  "report",
                  jfr.toString())
              .redirectErrorStream(true)
              .start();
      String text = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, report.waitFor(), text);
      text.lines()
          .filter(l -> l.contains("verdict:") || l.startsWith("Stalls") || l.startsWith("Cascades"))
          .limit(12)
          .forEach(l -> System.out.println("report| " + l));
      assertTrue(
          text.contains("verdict: the disk or file system")
              && text.contains("hint: find what froze the file system")
              && text.contains("kernel wait site percpu_rwsem_wait"),
          text);
      gcInFreeze.ifPresent(
          gc ->
              assertTrue(
                  incidents(all).stream()
                      .filter(
                          e ->
                              FreezeScenarioTest.isAgent(e, "LogDirStall")
                                  && FreezeScenarioTest.overlaps(e, f2, t2))
                      .allMatch(
                          e ->
                              e.getString("jvmPause") != null
                                  && e.getString("verdict").contains("of which")),
                  "the GC inside freeze 2 is named as a share of the stall"));
    }
  }

  private static List<RecordedEvent> incidents(List<RecordedEvent> all) {
    return all.stream()
        .filter(
            e ->
                FreezeScenarioTest.isAgent(e, "LogLockCascade")
                    || FreezeScenarioTest.isAgent(e, "LogDirStall"))
        .collect(Collectors.toList());
  }

  private static Map<Integer, Long> endOffsets(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      Map<Integer, Long> out = new HashMap<>();
      c.endOffsets(List.of(new TopicPartition("deep", 0), new TopicPartition("deep", 1)))
          .forEach((tp, end) -> out.put(tp.partition(), end));
      return out;
    }
  }
}
