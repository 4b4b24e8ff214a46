package io.github.kafkalatency.examples.demo;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer reading a topic from offset 0 on its own thread until closed: the fetch side of the
 * demo.
 */
final class CatchUpConsumer implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong records = new AtomicLong();
  private final Thread thread;

  private CatchUpConsumer(String bootstrap, String topic) {
    thread = new Thread(() -> run(bootstrap, topic), "demo-consumer");
    thread.setDaemon(true);
  }

  static CatchUpConsumer start(String bootstrap, String topic) {
    CatchUpConsumer c = new CatchUpConsumer(bootstrap, topic);
    c.thread.start();
    return c;
  }

  private void run(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "demo-catch-up");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(Set.of(topic));
      while (running.get()) {
        records.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
      }
    }
  }

  long records() {
    return records.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
