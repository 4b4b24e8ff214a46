package io.github.kafkalatency.examples.bench.broker;

import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producer settings shared by the loads: acks=1, no idempotence, no compression. */
final class Producers {
  private Producers() {}

  static KafkaProducer<byte[], byte[]> create(String bootstrap, int lingerMs, int batchBytes) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "1");
    p.put("enable.idempotence", "false");
    p.put("linger.ms", String.valueOf(lingerMs));
    p.put("batch.size", String.valueOf(batchBytes));
    p.put("compression.type", "none");
    p.put("request.timeout.ms", "30000");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /** Random bytes, so that nothing between client and disk can make the payload cheaper. */
  static byte[] value(int bytes) {
    byte[] v = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(v);
    return v;
  }
}
