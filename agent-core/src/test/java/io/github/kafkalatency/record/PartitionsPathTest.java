package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PartitionsPathTest {
  private final LogDirs dirs = new LogDirs();
  private final Partitions partitions = new Partitions(dirs);

  PartitionsPathTest() {
    dirs.learn("/data/kafka");
  }

  @Test
  void aPartitionDirIsItsPartitions() {
    FileTarget t = partitions.ofPath("/data/kafka/f8-3");
    assertEquals("f8", t.partition.topic());
    assertEquals(3, t.partition.partition());
    assertEquals("", t.fileName);
    assertEquals("/data/kafka", t.logDir);
  }

  @Test
  void filesBelowAPartitionDirCarryIt() {
    FileTarget t = partitions.ofPath("/data/kafka/f8-3/00000000000000000000.timeindex");
    assertEquals("f8-3", t.partition.name);
    assertEquals("00000000000000000000.timeindex", t.fileName);
    assertEquals(
        "f8-3", partitions.ofPath("/data/kafka/f8-3/leader-epoch-checkpoint").partition.name);
  }

  @Test
  void logDirFilesHaveNoPartition() {
    FileTarget t = partitions.ofPath("/data/kafka/recovery-point-offset-checkpoint");
    assertNull(t.partition);
    assertEquals("recovery-point-offset-checkpoint", t.fileName);
    assertNull(partitions.ofPath("/data/kafka/meta.properties").partition);
    assertFalse(partitions.ofPath("/data/other/f8-3").measured());
  }
}
