package io.github.kafkalatency.record;

import java.io.File;

/**
 * Stands in for a Kafka {@code UnifiedLog} in unit tests of the recorder only: it has the public
 * methods the agent reads by reflection. Anything that touches Kafka itself is tested on a real
 * broker in the examples module.
 */
public final class FakeLog {
  public final Object lock = new Object();

  /** As the log-lock hook adds it to Kafka's log class ({@link LogStateField}). */
  public Object kafkaLatency$partition;

  private final TopicPartition tp;
  private final File dir;

  public FakeLog(String topic, int partition, File logDir) {
    this.tp = new TopicPartition(topic, partition);
    this.dir = new File(logDir, topic + "-" + partition);
  }

  public TopicPartition topicPartition() {
    return tp;
  }

  public File dir() {
    return dir;
  }

  /** Has the two accessors of Kafka's TopicPartition the agent uses. */
  public static final class TopicPartition {
    private final String topic;
    private final int partition;

    TopicPartition(String topic, int partition) {
      this.topic = topic;
      this.partition = partition;
    }

    public String topic() {
      return topic;
    }

    public int partition() {
      return partition;
    }
  }

  /** Has the accessors of Kafka's LogAppendInfo the agent uses. */
  public static final class AppendInfo {
    private final long records;
    private final int bytes;

    private final long firstOffset;

    public AppendInfo(long records, int bytes) {
      this(records, bytes, 0);
    }

    public AppendInfo(long records, int bytes, long firstOffset) {
      this.records = records;
      this.bytes = bytes;
      this.firstOffset = firstOffset;
    }

    public long firstOffset() {
      return firstOffset;
    }

    public long numMessages() {
      return records;
    }

    public int validBytes() {
      return bytes;
    }
  }
}
