package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.File;
import org.junit.jupiter.api.Test;

class PartitionsLockTest {
  /** A log that counts how often the agent reads its topic-partition by reflection. */
  public static final class CountingLog {
    public final Object lock = new Object();
    public int reads;

    public FakeLog.TopicPartition topicPartition() {
      reads++;
      return new FakeLog.TopicPartition("t", 3);
    }

    public File dir() {
      return new File("/data/kafka/t-3");
    }
  }

  @Test
  void aLogIsReadByReflectionOnceHoweverOftenItsLockIsTaken() {
    Partitions partitions = new Partitions(new LogDirs());
    CountingLog log = new CountingLog();
    PartitionState first = partitions.ofLock(log.lock, log);
    for (int i = 0; i < 1_000; i++) {
      assertSame(first, partitions.ofLock(log.lock, log));
      assertSame(first, partitions.ofLog(log));
    }
    assertSame(
        first, partitions.ofLock(log.lock, null), "a closure without the log finds it by its lock");
    assertEquals(1, log.reads);
  }
}
