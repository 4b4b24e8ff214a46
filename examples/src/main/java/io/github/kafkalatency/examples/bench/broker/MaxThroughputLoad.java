package io.github.kafkalatency.examples.bench.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A closed-loop produce load: {@code producers} producers (linger.ms=5, batch.size=64 KB, acks=1)
 * each send 1 KB records as fast as the client's buffer lets them, with no key (the sticky
 * partitioner spreads batches over the partitions); the figure is acknowledged records per second
 * over the measured window, which starts after the warm-up.
 */
final class MaxThroughputLoad {
  record Result(
      double recordsPerSecond,
      double megabytesPerSecond,
      long errors,
      long records,
      ProcCpu.Sample brokerCpu,
      long requests) {
    /** Broker CPU time per acknowledged record over the measured window, in microseconds. */
    double brokerCpuMicrosPerRecord() {
      return brokerCpu.processNanos() / 1e3 / Math.max(1, records);
    }
  }

  private MaxThroughputLoad() {}

  static Result run(
      String bootstrap,
      String topic,
      int producers,
      int recordBytes,
      int warmupSeconds,
      int measureSeconds,
      ProcCpu cpu)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder acked = new LongAdder();
    LongAdder errors = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    List<KafkaProducer<byte[], byte[]>> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < producers; i++) {
      Thread t =
          new Thread(
              () -> {
                byte[] value = Producers.value(recordBytes);
                try (KafkaProducer<byte[], byte[]> producer =
                    Producers.create(bootstrap, 5, 65536)) {
                  clients.add(producer);
                  while (running.get()) {
                    producer.send(
                        new ProducerRecord<>(topic, value),
                        (md, e) -> {
                          if (e == null) {
                            acked.increment();
                          } else {
                            errors.increment();
                          }
                        });
                  }
                  producer.close(Duration.ofSeconds(30));
                }
              },
              "max-throughput-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    Thread.sleep(warmupSeconds * 1000L);
    ProcCpu.Sample c0 = cpu.sample();
    long r0 = requests(clients);
    long a0 = acked.sum();
    long t0 = System.nanoTime();
    Thread.sleep(measureSeconds * 1000L);
    long a1 = acked.sum();
    long t1 = System.nanoTime();
    long r1 = requests(clients);
    ProcCpu.Sample c1 = cpu.sample();
    running.set(false);
    for (Thread t : threads) {
      t.join(60_000);
    }
    double perSecond = (a1 - a0) / ((t1 - t0) / 1e9);
    return new Result(
        perSecond, perSecond * recordBytes / 1e6, errors.sum(), a1 - a0, c1.minus(c0), r1 - r0);
  }

  /**
   * Produce requests sent so far by all the producers (their {@code request-total}): batching
   * follows timing when producers send as fast as they can, so CPU per record is compared with CPU
   * per request.
   */
  static long requests(List<KafkaProducer<byte[], byte[]>> clients) {
    double sum = 0;
    for (KafkaProducer<byte[], byte[]> p : clients) {
      for (var e : p.metrics().entrySet()) {
        if (e.getKey().name().equals("request-total")
            && e.getKey().group().equals("producer-metrics")) {
          sum += ((Number) e.getValue().metricValue()).doubleValue();
        }
      }
    }
    return (long) sum;
  }
}
