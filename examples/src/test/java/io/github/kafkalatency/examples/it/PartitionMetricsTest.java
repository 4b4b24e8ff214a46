package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-partition timing on a real broker: the periodic JFR events account for every append, the
 * summary lines come at the configured interval, and lock waits appear under contention only. One
 * broker per Kafka version serves all three checks.
 */
class PartitionMetricsTest {
  private static final int PARTITIONS = 6;
  private static final int PRODUCERS = 3;
  private static final int SENDS_PER_PRODUCER = 120;
  private static final int HOT_SENDS = 250;
  private static final Pattern SUMMARY =
      Pattern.compile(
          "^(\\S+ \\d\\d:\\d\\d:\\d\\d),\\d+ .*kafka\\.latency\\.agent\\.summary - interval 5s: .*",
          Pattern.MULTILINE);

  @ParameterizedTest(name = "Kafka {0}")
  @ValueSource(strings = {"4.4.0", "3.9.2"})
  void everyAppendIsCountedPerPartitionAndContentionShowsAsLockWait(String version)
      throws Exception {
    long t0 = System.nanoTime();
    Path jfr;
    String output;
    int sent = 0;
    int soloSends = 200;
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion(version)
            .agentArgs("intervalSeconds=5")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
            .start()) {
      String bootstrap = broker.bootstrapServers();
      Clients.createTopic(bootstrap, "six", PARTITIONS);
      Clients.createTopic(bootstrap, "solo", 1);
      Clients.createTopic(bootstrap, "hot", 1);

      // 1. Synchronous sends: each one is a request with one batch, i.e. exactly one append.
      ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < PRODUCERS; w++) {
        done.add(
            pool.submit(
                () -> {
                  try (KafkaProducer<String, String> p = Clients.producer(bootstrap, "1")) {
                    for (int i = 0; i < SENDS_PER_PRODUCER; i++) {
                      p.send(new ProducerRecord<>("six", i % PARTITIONS, "k" + i, "v" + i)).get();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      sent = PRODUCERS * SENDS_PER_PRODUCER;

      // 3a. One producer on one partition: (almost) nobody to wait for.
      try (KafkaProducer<String, String> p = Clients.producer(bootstrap, "1")) {
        for (int i = 0; i < soloSends; i++) {
          p.send(new ProducerRecord<>("solo", 0, "k", "v" + i)).get();
        }
      }
      // 3b. Many producers, acks=1, linger 0, on ONE partition: handlers queue on its log lock.
      done.clear();
      ExecutorService hotPool = Executors.newFixedThreadPool(8);
      for (int w = 0; w < 8; w++) {
        done.add(
            hotPool.submit(
                () -> {
                  try (KafkaProducer<String, String> p = Clients.producer(bootstrap, "1")) {
                    for (int i = 0; i < HOT_SENDS; i++) {
                      p.send(new ProducerRecord<>("hot", 0, null, "value-" + i)).get();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      hotPool.shutdown();

      // Two more intervals, so that everything sent is in a finished interval.
      int before = countMatches(broker.output());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (countMatches(broker.output()) < before + 2 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      broker.stop();
      output = broker.output();
      jfr = broker.workDir().resolve("recording.jfr");

      output
          .lines()
          .filter(l -> l.contains("kafka.latency.agent") || l.contains("latency-agent"))
          .forEach(System.out::println);
      List<RecordedEvent> latency = Recordings.agentEvents(jfr, "PartitionLatency");
      // 1. Periodic events for all 6 partitions whose append counts add up to the appends done.
      long total = 0;
      for (int p = 0; p < PARTITIONS; p++) {
        long appends = Recordings.count(latency, "six", p, "append");
        assertTrue(appends > 0, "partition " + p + " has append events");
        assertTrue(
            Recordings.count(latency, "six", p, "lock-hold") >= appends, "lock-hold for " + p);
        assertTrue(Recordings.count(latency, "six", p, "write") >= appends, "write for " + p);
        // Every append came through Partition.appendRecordsToLeader, so each waited for its read
        // lock once.
        assertEquals(
            appends,
            Recordings.count(latency, "six", p, "partition-lock-wait"),
            "partition-lock-wait for " + p);
        total += appends;
      }
      assertEquals(sent, total, "appends counted across the six partitions");

      // 2. Summary lines at the configured interval, partitions named topic-partition.
      List<LocalTime> times = summaryTimes(output);
      assertTrue(times.size() >= 2, "summary lines: " + times.size());
      for (int i = 1; i < times.size(); i++) {
        long gap = Duration.between(times.get(i - 1), times.get(i)).getSeconds();
        assertTrue(gap >= 4 && gap <= 6, "interval between summaries: " + gap + " s");
      }
      assertTrue(
          Pattern.compile("worst partitions: .*\\b(six|hot|solo)-\\d+ \\[").matcher(output).find(),
          "a summary names partitions as topic-partition");

      // 3. Lock waits under contention, (almost) none without.
      long soloAppends = Recordings.count(latency, "solo", 0, "append");
      long soloWaits = Recordings.count(latency, "solo", 0, "lock-wait");
      long hotWaits = Recordings.count(latency, "hot", 0, "lock-wait");
      assertEquals(soloSends, soloAppends);
      assertEquals(8 * HOT_SENDS, Recordings.count(latency, "hot", 0, "append"));
      assertTrue(hotWaits > 0, "eight producers on one partition must wait on its log lock");
      assertTrue(
          soloWaits <= Math.max(3, soloAppends / 50),
          "a single producer waits (almost) never: " + soloWaits);
      assertTrue(hotWaits > soloWaits * 5, "hot " + hotWaits + " vs solo " + soloWaits);

      // 5. jfr print shows the events with their units, topic and partition.
      String printed = jfrPrint(jfr, "kafkalatency.PartitionLatency,kafkalatency.LogAppend");
      assertTrue(
          printed.contains("kafkalatency.PartitionLatency {"),
          printed.substring(0, Math.min(500, printed.length())));
      assertTrue(printed.contains("topic = \"six\""));
      assertTrue(printed.contains("metric = \"lock-hold\""));
      assertTrue(
          Pattern.compile("p99 = [0-9.]+ (ms|s)\\b").matcher(printed).find(),
          "durations with units");

      assertFalse(output.contains("failed and is off"), "an agent part turned itself off");
      System.out.printf(
          "Kafka %s: %d appends on six, lock waits hot=%d solo=%d, %d summaries, %.1f s%n",
          version, total, hotWaits, soloWaits, times.size(), (System.nanoTime() - t0) / 1e9);
    }
  }

  private static String jfrPrint(Path recording, String events) throws Exception {
    Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
    Process p =
        new ProcessBuilder(jfrTool.toString(), "print", "--events", events, recording.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static int countMatches(String output) {
    Matcher m = SUMMARY.matcher(output);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static List<LocalTime> summaryTimes(String output) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss");
    List<LocalTime> out = new ArrayList<>();
    Matcher m = SUMMARY.matcher(output);
    while (m.find()) {
      String stamp = m.group(1);
      out.add(LocalTime.parse(stamp.substring(stamp.length() - 8), f));
    }
    return out.stream().collect(Collectors.toList());
  }
}
