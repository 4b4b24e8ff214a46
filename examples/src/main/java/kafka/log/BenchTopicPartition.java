package kafka.log;

/**
 * Benchmark stand-in for Kafka's {@code TopicPartition}: what the agent reads, by reflection, from
 * {@code UnifiedLog.topicPartition()}.
 */
public final class BenchTopicPartition {
  private final String topic;
  private final int partition;

  public BenchTopicPartition(String topic, int partition) {
    this.topic = topic;
    this.partition = partition;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
