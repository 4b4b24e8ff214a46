package io.github.kafkalatency.examples.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A bounded produce load: {@code perPartition} producers for each partition of a topic, each with
 * its own connection, sending one record at a time and waiting for its acknowledgement, at a fixed
 * pace. Separate connections matter: Kafka handles one request per connection at a time, so only
 * separate producers make request handlers append to the same partition concurrently.
 *
 * <p>Usage: {@code try (PinnedProducers load = PinnedProducers.start(bootstrap, "t", 8, 2, 5, 200))
 * { ... } } stops the load and waits for it. Thread-safe.
 */
public final class PinnedProducers implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final Properties clientProperties = new Properties();

  private PinnedProducers() {}

  /**
   * @param pauseMillis pause between a record's acknowledgement and the next send, per producer
   * @param recordBytes size of each record's value
   */
  public static PinnedProducers start(
      String bootstrap,
      String topic,
      int partitions,
      int perPartition,
      long pauseMillis,
      int recordBytes) {
    return start(
        bootstrap, java.util.Map.of(), topic, partitions, perPartition, pauseMillis, recordBytes);
  }

  /** As above, with extra client properties (a TLS listener's, for example). */
  public static PinnedProducers start(
      String bootstrap,
      java.util.Map<String, String> clientProperties,
      String topic,
      int partitions,
      int perPartition,
      long pauseMillis,
      int recordBytes) {
    PinnedProducers load = new PinnedProducers();
    load.clientProperties.putAll(clientProperties);
    for (int p = 0; p < partitions; p++) {
      for (int i = 0; i < perPartition; i++) {
        int partition = p;
        Thread t =
            new Thread(
                () -> load.run(bootstrap, topic, partition, pauseMillis, recordBytes),
                "producer-" + topic + "-" + p + "-" + i);
        t.setDaemon(true);
        load.threads.add(t);
        t.start();
      }
    }
    return load;
  }

  private void run(
      String bootstrap, String topic, int partition, long pauseMillis, int recordBytes) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "1");
    props.put("linger.ms", "0");
    props.put("enable.idempotence", "false");
    props.put("request.timeout.ms", "30000");
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    byte[] value = new byte[recordBytes];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      while (running.get()) {
        try {
          producer
              .send(new ProducerRecord<>(topic, partition, null, value))
              .get(30, TimeUnit.SECONDS);
          acknowledged.incrementAndGet();
        } catch (Exception e) {
          failed.incrementAndGet();
        }
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(35_000);
    }
  }
}
