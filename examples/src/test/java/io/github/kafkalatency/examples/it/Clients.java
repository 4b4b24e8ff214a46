package io.github.kafkalatency.examples.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Real Kafka clients against a test broker: topics, producers, a consumer that reads everything.
 */
final class Clients {
  private Clients() {}

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /** A producer sending each record as its own request (linger 0) with the given acks. */
  static KafkaProducer<String, String> producer(String bootstrap, String acks) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", acks);
    p.put("linger.ms", "0");
    p.put("enable.idempotence", "false");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /**
   * Reads {@code expected} records of {@code topic} from the beginning, or fails after the timeout.
   */
  static List<ConsumerRecord<String, String>> consumeAll(
      String bootstrap, String topic, int expected, Duration timeout) {
    return consumeAll(bootstrap, Map.of(), topic, expected, timeout);
  }

  /**
   * As above, with extra client properties, e.g. {@code security.protocol=SSL} and a trust store.
   */
  static List<ConsumerRecord<String, String>> consumeAll(
      String bootstrap, Map<String, String> extra, String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.putAll(extra);
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "it-" + topic + "-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.subscribe(Set.of(topic));
      while (out.size() < expected && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }
}
