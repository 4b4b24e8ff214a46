package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The agent never hurts the broker: a failing part turns itself off while appends carry on, a
 * million keyed records with headers come back intact, nothing of a record leaves the broker
 * through the agent's output, the agent opens no listener, and shutdown is not held up.
 */
class BrokerSafetyTest {
  private static final int MILLION = Integer.getInteger("kla.integrityRecords", 1_000_000);

  @Test
  void aFailingPartTurnsItselfOffOnceAndAppendsCarryOn() throws Exception {
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .jvmArg("-Dkafkalatency.test.failPart=append")
            .agentArgs("intervalSeconds=2")
            .start()) {
      Clients.createTopic(broker.bootstrapServers(), "faulty", 3);
      produce(broker.bootstrapServers(), "faulty", 2_000, "v");
      assertEquals(
          2_000,
          Clients.consumeAll(broker.bootstrapServers(), "faulty", 2_000, Duration.ofSeconds(60))
              .size());
      broker.awaitOutput(
          Pattern.compile("summary - interval 2s: .*lock-hold"), Duration.ofSeconds(10));
      Thread.sleep(2_500);
      String out = broker.output();
      List<String> faults =
          out.lines()
              .filter(l -> l.contains("probes failed and are off"))
              .collect(Collectors.toList());
      assertEquals(1, faults.size(), faults.toString());
      assertTrue(
          faults.get(0).contains("append probes failed and are off (the rest keep working)"),
          faults.get(0));
      assertFalse(out.contains("\tat io.github.kafkalatency"), "no stack trace");
      String lastSummary =
          out.lines()
              .filter(l -> l.contains("summary - interval"))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertFalse(lastSummary.contains("append n="), "the append part is off: " + lastSummary);
    }
  }

  @Test
  void millionRecordsComeBackIntactAndNothingOfThemLeavesThroughTheAgent() throws Exception {
    String secret = "SECRET-" + UUID.randomUUID();
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .agentArgs("intervalSeconds=5,thresholdMs=0,lockThresholdMs=0,slowRequestMs=0")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
            .start()) {
      Set<Integer> portsBefore = listeningPorts(broker.pid());
      assertEquals(
          Set.of(port(broker.bootstrapServers())),
          portsBefore.stream()
              .filter(p -> p == port(broker.bootstrapServers()))
              .collect(Collectors.toSet()));
      Clients.createTopic(broker.bootstrapServers(), "integrity", 4);
      long t0 = System.nanoTime();
      long sentCrc = produce(broker.bootstrapServers(), "integrity", MILLION, secret);
      long received = 0;
      long receivedCrc = 0;
      Properties p = new Properties();
      p.put("bootstrap.servers", broker.bootstrapServers());
      p.put("group.id", "integrity");
      p.put("auto.offset.reset", "earliest");
      p.put("max.poll.records", "5000");
      p.put("key.deserializer", StringDeserializer.class.getName());
      p.put("value.deserializer", StringDeserializer.class.getName());
      Set<String> keys = new HashSet<>();
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
        c.subscribe(List.of("integrity"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (received < MILLION && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
            received++;
            receivedCrc += crc(r.key(), r.value(), r.headers().lastHeader("h"));
            keys.add(r.key());
          }
        }
      }
      assertEquals(MILLION, received, "nothing lost");
      assertEquals(MILLION, keys.size(), "nothing duplicated");
      assertEquals(
          sentCrc,
          receivedCrc,
          "nothing altered (sum of per-record CRC32 over key, value, header)");
      // The agent saw all of it: every append, with thresholds at 0 so that every event is emitted.
      broker.awaitOutput(
          Pattern.compile("summary - interval 5s: append n="), Duration.ofSeconds(10));
      assertTrue(listeningPorts(broker.pid()).equals(portsBefore), "the agent opened no listener");
      long stopStart = System.nanoTime();
      broker.stop();
      long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;
      System.out.printf(
          "1M records in %.1f s; broker stop took %d ms%n",
          (System.nanoTime() - t0) / 1e9, stopMillis);

      byte[] marker = secret.getBytes(StandardCharsets.UTF_8);
      assertFalse(
          contains(Files.readAllBytes(broker.outputFile()), marker),
          "a record reached the broker's log");
      Path jfr = broker.workDir().resolve("recording.jfr");
      assertTrue(Files.size(jfr) > 0);
      assertFalse(contains(Files.readAllBytes(jfr), marker), "a record reached a JFR event");
      assertTrue(Recordings.agentEvents(jfr, "LogFileOperation").size() > 0, "events were emitted");
    }
  }

  @Test
  void shutdownIsNotHeldUpByTheAgent() throws Exception {
    long with = stopMillis(true);
    long without = stopMillis(false);
    System.out.printf("broker stop: %d ms with the agent, %d ms without%n", with, without);
    assertTrue(with < without + 1_000, "the agent added " + (with - without) + " ms to shutdown");
  }

  private static long stopMillis(boolean agent) throws Exception {
    KafkaBroker.Builder b = KafkaBroker.builder().kafkaVersion("4.4.0");
    if (!agent) {
      b.withoutAgent();
    }
    try (KafkaBroker broker = b.start()) {
      Clients.createTopic(broker.bootstrapServers(), "s", 2);
      produce(broker.bootstrapServers(), "s", 1_000, "v");
      long t = System.nanoTime();
      broker.stop();
      return (System.nanoTime() - t) / 1_000_000;
    }
  }

  /** Sends {@code n} keyed records with a header; returns the sum of their CRCs. */
  private static long produce(String bootstrap, String topic, int n, String secret)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", "5");
    p.put("batch.size", "65536");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    long crc = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < n; i++) {
        String key = "key-" + i;
        String value = "value-" + i + "-" + secret;
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        r.headers().add("h", ("header-" + i + "-" + secret).getBytes(StandardCharsets.UTF_8));
        producer.send(r);
        crc += crc(key, value, r.headers().lastHeader("h"));
      }
      producer.flush();
    }
    return crc;
  }

  private static long crc(String key, String value, Header header) {
    CRC32 c = new CRC32();
    c.update(key.getBytes(StandardCharsets.UTF_8));
    c.update(value.getBytes(StandardCharsets.UTF_8));
    c.update(header.value());
    return c.getValue();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int port(String bootstrap) {
    return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
  }

  /**
   * TCP ports the process listens on: its socket inodes matched against /proc/net/tcp{,6} in LISTEN
   * state.
   */
  static Set<Integer> listeningPorts(long pid) throws Exception {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds.collect(Collectors.toList())) {
        try {
          Matcher m =
              Pattern.compile("socket:\\[(\\d+)]").matcher(Files.readSymbolicLink(fd).toString());
          if (m.matches()) {
            inodes.add(m.group(1));
          }
        } catch (Exception gone) {
          // closed meanwhile
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}
