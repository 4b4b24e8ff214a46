package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Partition churn on a real broker: thousands of partitions created, written, deleted; the agent
 * releases what it held for them and its partition count returns to its baseline. The default is
 * 2,000 partitions to fit CI's budget on 2 cores; -Dkla.churnPartitions=10000 runs the full size.
 */
class PartitionChurnTest {
  private static final int PARTITIONS = Integer.getInteger("kla.churnPartitions", 2_000);
  private static final int PER_TOPIC = 100;
  private static final Pattern TRACKING = Pattern.compile("tracking (\\d+) partitions");

  @Test
  void deletedPartitionsAreReleased() throws Exception {
    long t0 = System.nanoTime();
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .agentArgs("intervalSeconds=1,idleIntervals=3")
            .serverProperty("file.delete.delay.ms", "1000")
            .startTimeout(Duration.ofSeconds(120))
            .start()) {
      String bootstrap = broker.bootstrapServers();
      Thread.sleep(2_500);
      int baseline = lastTracking(broker.output());
      List<String> topics = new ArrayList<>();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        List<NewTopic> batch = new ArrayList<>();
        for (int i = 0; i < PARTITIONS / PER_TOPIC; i++) {
          topics.add("churn-" + i);
          batch.add(new NewTopic("churn-" + i, PER_TOPIC, (short) 1));
        }
        admin.createTopics(batch).all().get(5, TimeUnit.MINUTES);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "1");
        p.put("linger.ms", "20");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
          for (String t : topics) {
            for (int part = 0; part < PER_TOPIC; part++) {
              producer.send(new ProducerRecord<>(t, part, "k", "v"));
            }
          }
          producer.flush();
        }
        int peak = awaitTracking(broker, n -> n >= baseline + PARTITIONS, Duration.ofSeconds(60));
        admin.deleteTopics(topics).all().get(5, TimeUnit.MINUTES);
        int after = awaitTracking(broker, n -> n <= baseline, Duration.ofSeconds(60));
        System.out.printf(
            "churn of %d partitions: tracked %d before, %d at the peak, %d after deletion; %.1f"
                + " s%n",
            PARTITIONS, baseline, peak, after, (System.nanoTime() - t0) / 1e9);
        assertTrue(peak >= baseline + PARTITIONS);
        assertTrue(after <= baseline);
      }
    }
  }

  private static int awaitTracking(
      KafkaBroker broker, java.util.function.IntPredicate done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int n = lastTracking(broker.output());
    while (!done.test(n) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      n = lastTracking(broker.output());
    }
    assertTrue(done.test(n), "the agent tracks " + n + " partitions");
    return n;
  }

  private static int lastTracking(String output) {
    Matcher m = TRACKING.matcher(output);
    int last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }
}
