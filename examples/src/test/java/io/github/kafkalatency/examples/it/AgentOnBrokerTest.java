package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The agent attached as KAFKA_OPTS would attach it: the broker serves, and the agent says it
 * started.
 */
class AgentOnBrokerTest {

  @Test
  void brokerWithAgentServesTenThousandKeyedRecords() throws Exception {
    try (KafkaBroker broker = KafkaBroker.builder().kafkaVersion("4.4.0").start()) {
      String line =
          broker.awaitOutput(
              Pattern.compile("kafka-latency-agent \\S+ started: .*"), Duration.ofSeconds(5));
      assertTrue(line.contains("Kafka 4.4.0"), line);
      assertTrue(line.contains("hooks log-append, log-lock, partition-lock, file-io"), line);

      Clients.createTopic(broker.bootstrapServers(), "keyed", 3);
      int n = 10_000;
      Map<String, String> sent = new HashMap<>();
      try (KafkaProducer<String, String> p = Clients.producer(broker.bootstrapServers(), "all")) {
        for (int i = 0; i < n; i++) {
          String key = "key-" + i;
          String value = "value-" + i + "-" + Integer.toHexString(key.hashCode());
          sent.put(key, value);
          p.send(new ProducerRecord<>("keyed", key, value));
        }
        p.flush();
      }
      List<ConsumerRecord<String, String>> got =
          Clients.consumeAll(broker.bootstrapServers(), "keyed", n, Duration.ofSeconds(60));
      assertEquals(n, got.size());
      Map<String, String> received =
          got.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
      assertEquals(sent, received);
      assertEquals(3, got.stream().map(ConsumerRecord::partition).distinct().count());
      assertFalse(broker.output().contains("failed and is off"), "an agent part turned itself off");
    }
  }

  @Test
  void malformedArgumentGivesOneLineAndTheBrokerStillServes() throws Exception {
    try (KafkaBroker broker =
        KafkaBroker.builder().kafkaVersion("4.4.0").agentArgs("thresholdMs=abc").start()) {
      Clients.createTopic(broker.bootstrapServers(), "plain", 1);
      try (KafkaProducer<String, String> p = Clients.producer(broker.bootstrapServers(), "all")) {
        p.send(new ProducerRecord<>("plain", "k", "v")).get();
      }
      assertEquals(
          1,
          Clients.consumeAll(broker.bootstrapServers(), "plain", 1, Duration.ofSeconds(30)).size());
      List<String> agentLines =
          broker
              .output()
              .lines()
              .filter(l -> l.contains("kafka-latency-agent"))
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              "kafka-latency-agent: disabled: argument 'thresholdMs=abc': not a whole number"
                  + " (expected 0 to 60000)"),
          agentLines);
      assertFalse(
          broker.output().contains("io.github.kafkalatency"), "no stack trace from the agent");
      assertFalse(
          broker.output().contains("kafka.latency.agent"), "a disabled agent logs nothing more");
    }
  }
}
