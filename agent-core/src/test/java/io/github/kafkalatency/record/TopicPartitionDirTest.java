package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopicPartitionDirTest {
  private static String topic(String dir) {
    return TopicPartitionDir.parse(dir, new int[1]);
  }

  private static int partition(String dir) {
    int[] out = new int[1];
    TopicPartitionDir.parse(dir, out);
    return out[0];
  }

  @Test
  void plainAndDashedTopics() {
    assertEquals("orders", topic("orders-3"));
    assertEquals(3, partition("orders-3"));
    assertEquals("my-topic-v2", topic("my-topic-v2-17"));
    assertEquals(17, partition("my-topic-v2-17"));
    assertEquals("__cluster_metadata", topic("__cluster_metadata-0"));
  }

  @Test
  void renamedDirectories() {
    assertEquals("orders", topic("orders-3.7f0a1c9e5b2d4e6f8a9b0c1d2e3f4a5b-delete"));
    assertEquals(3, partition("orders-3.7f0a1c9e5b2d4e6f8a9b0c1d2e3f4a5b-delete"));
    assertEquals("orders", topic("orders-4.abc-future"));
    assertEquals("orders", topic("orders-5.abc-stray"));
  }

  @Test
  void notPartitionDirectories() {
    assertNull(topic("lost+found"));
    assertNull(topic("orders-"));
    assertNull(topic("-1"));
    assertNull(topic("orders-x1"));
  }
}
