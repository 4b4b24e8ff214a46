package io.github.kafkalatency.examples.bench.broker;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An open-loop produce load: one producer (acks=1, linger.ms=0) sends 1 KB records at a fixed rate,
 * round-robin over the topic's partitions, and each record's latency is taken from the time it was
 * <em>due</em> to be sent to its acknowledgement. Timing from the due time rather than from the
 * {@code send()} call means a send that is late because the client or the broker stalled is charged
 * with the stall (no coordinated omission). Latencies of the measured window are kept exactly (a
 * sorted {@code long[]}), not bucketed.
 */
final class FixedRateLoad {
  /** Per-record latencies of the measured window, sorted, in nanoseconds; and what went wrong. */
  record Result(
      long[] sortedNanos,
      long sent,
      long errors,
      double achievedPerSecond,
      ProcCpu.Sample brokerCpu) {
    /** Broker CPU time per acknowledged record over the measured window, in microseconds. */
    double brokerCpuMicrosPerRecord() {
      return brokerCpu.processNanos() / 1e3 / Math.max(1, sortedNanos.length);
    }

    double percentileMillis(double q) {
      return Stats.percentile(sortedNanos, q) / 1e6;
    }

    double maxMillis() {
      return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }
  }

  private FixedRateLoad() {}

  static Result run(
      String bootstrap,
      String topic,
      int partitions,
      int perSecond,
      int recordBytes,
      int warmupSeconds,
      int measureSeconds,
      ProcCpu cpu)
      throws InterruptedException {
    long interval = 1_000_000_000L / perSecond;
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) perSecond * measureSeconds + 16);
    long[] latencies = new long[capacity];
    Arrays.fill(latencies, -1);
    AtomicInteger completed = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    byte[] value = Producers.value(recordBytes);
    int sent = 0;
    int measured = 0;
    ProcCpu.Sample cpuFrom = null;
    ProcCpu.Sample cpuTo = null;
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(bootstrap, 0, 16384)) {
      producer.partitionsFor(topic); // metadata before the clock starts
      long start = System.nanoTime() + 50_000_000L;
      long measureFrom = start + warmupSeconds * 1_000_000_000L;
      long end = measureFrom + measureSeconds * 1_000_000_000L;
      while (true) {
        long due = start + sent * interval;
        if (due >= end) {
          cpuTo = cpu.sample();
          break;
        }
        if (cpuFrom == null && due >= measureFrom) {
          cpuFrom = cpu.sample();
        }
        long now = System.nanoTime();
        if (now < due) {
          LockSupport.parkNanos(due - now);
          continue;
        }
        int slot = due >= measureFrom && measured < capacity ? measured++ : -1;
        producer.send(
            new ProducerRecord<>(topic, sent % partitions, null, value),
            (md, e) -> {
              if (e != null) {
                errors.incrementAndGet();
              } else if (slot >= 0) {
                latencies[slot] = System.nanoTime() - due;
              }
              completed.incrementAndGet();
            });
        sent++;
      }
      producer.flush();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (completed.get() < sent && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    long[] ok = Arrays.stream(latencies, 0, measured).filter(l -> l >= 0).sorted().toArray();
    return new Result(
        ok, measured, errors.get(), measured / (double) measureSeconds, cpuTo.minus(cpuFrom));
  }
}
