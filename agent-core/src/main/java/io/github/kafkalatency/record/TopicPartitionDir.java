package io.github.kafkalatency.record;

/**
 * Parses a partition directory name: {@code <topic>-<partition>}, or Kafka's renamed forms {@code
 * <topic>-<partition>.<id>-delete}, {@code -future} and {@code -stray}.
 */
final class TopicPartitionDir {
  private TopicPartitionDir() {}

  /**
   * Returns the topic and stores the partition in {@code partitionOut[0]}; null if not a partition
   * dir.
   */
  static String parse(String dir, int[] partitionOut) {
    String name = dir;
    for (String suffix : new String[] {"-delete", "-future", "-stray"}) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
          name = name.substring(0, dot);
        }
        break;
      }
    }
    int dash = name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1) {
      return null;
    }
    int partition = 0;
    for (int i = dash + 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || partition > 100_000_000) {
        return null;
      }
      partition = partition * 10 + (c - '0');
    }
    partitionOut[0] = partition;
    return name.substring(0, dash);
  }
}
