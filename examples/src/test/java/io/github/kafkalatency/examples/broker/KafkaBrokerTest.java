package io.github.kafkalatency.examples.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Run with {@code mvn -pl examples -am test -Dtest=KafkaBrokerTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; the first run also resolves Kafka 4.4.0 from Maven
 * Central.
 *
 * <p>Proves the harness without the agent: if this fails, agent tests failing would say nothing
 * about the agent.
 */
class KafkaBrokerTest {

  private static final String TOPIC = "harness-check";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 1_000;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES) // generous: the first run downloads the broker jars
  void brokerServesProduceAndFetchAndStopsCleanly() throws Exception {
    KafkaBroker broker = KafkaBroker.builder().kafkaVersion("4.4.0").withoutAgent().start();
    try (broker) {
      assertEquals("", broker.kafkaOpts());
      assertTrue(broker.isRunning());
      createTopic(broker.bootstrapServers());

      Map<String, String> sent = produce(broker.bootstrapServers());
      Map<String, String> received = consume(broker.bootstrapServers());
      assertEquals(RECORDS, received.size(), "distinct keys consumed");
      assertEquals(sent, received);

      long pid = broker.pid();
      int exitCode = broker.stop();
      assertFalse(broker.isRunning());
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "broker JVM still alive");
      // 143 = terminated by SIGTERM after Kafka's shutdown hook completed, as with
      // kafka-server-stop.sh
      assertEquals(
          143,
          exitCode,
          () -> "exit code; output tail:\n" + BrokerOutput.tail(broker.outputFile(), 40));
      assertEquals(exitCode, broker.stop(), "stop() is idempotent");
    }
  }

  /**
   * ZooKeeper mode: the broker's own ZooKeeper comes up first, serves it, and goes down with it.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void zooKeeperModeBrokerServesAndStopsItsZooKeeperWithIt() throws Exception {
    KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("3.9.2")
            .mode(BrokerMode.ZOOKEEPER)
            .withoutAgent()
            .start();
    try (broker) {
      long zooKeeper = broker.zooKeeperPid();
      assertTrue(isAlive(zooKeeper), "ZooKeeper JVM running");
      assertTrue(
          broker
              .awaitOutput(KafkaBroker.STARTED, Duration.ofSeconds(1))
              .contains("[KafkaServer id=1] started"));
      createTopic(broker.bootstrapServers());
      assertEquals(produce(broker.bootstrapServers()), consume(broker.bootstrapServers()));
      assertEquals(
          143,
          broker.stop(),
          () -> "exit code; output tail:\n" + BrokerOutput.tail(broker.outputFile(), 40));
      assertFalse(isAlive(zooKeeper), "ZooKeeper JVM stopped with the broker");
    }
  }

  /** A broker that cannot start leaves no ZooKeeper behind. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aZooKeeperModeBrokerThatFailsToStartTakesItsZooKeeperDown() throws Exception {
    KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("2.4.1")
            .mode(BrokerMode.ZOOKEEPER)
            .withoutAgent()
            .serverProperty("broker.id", "not-a-number")
            .build();
    try (broker) {
      KafkaBrokerException e = assertThrows(KafkaBrokerException.class, broker::start);
      assertTrue(e.getMessage().contains("exited with"), e.getMessage());
      long zooKeeper = broker.zooKeeperPid();
      assertTrue(zooKeeper > 0, "ZooKeeper was started");
      assertFalse(isAlive(zooKeeper), "ZooKeeper JVM stopped after the failed start");
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void createTopic(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> produce(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    Map<String, String> sent = new LinkedHashMap<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        String key = "key-" + i;
        String value = "value-" + i + "-" + Integer.toHexString(key.hashCode());
        sent.put(key, value);
        acks.add(producer.send(new ProducerRecord<>(TOPIC, key, value)));
      }
      producer.flush();
      Set<Integer> partitions = new HashSet<>();
      for (Future<RecordMetadata> ack : acks) {
        RecordMetadata metadata = ack.get(30, TimeUnit.SECONDS);
        assertNotNull(metadata);
        partitions.add(metadata.partition());
      }
      assertEquals(PARTITIONS, partitions.size(), "keys should spread over every partition");
    }
    return sent;
  }

  private static Map<String, String> consume(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "harness-check-group");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, String> received = new LinkedHashMap<>();
    int total = 0;
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (total < RECORDS && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          received.put(record.key(), record.value());
          total++;
        }
      }
    }
    assertEquals(RECORDS, total, "records consumed (duplicates included)");
    return received;
  }
}
