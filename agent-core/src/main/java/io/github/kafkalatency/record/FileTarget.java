package io.github.kafkalatency.record;

/**
 * A file under a log dir: its partition (null for files at the log dir's top, such as checkpoints)
 * and its name, for events.
 */
final class FileTarget {
  static final FileTarget OUTSIDE_LOG_DIRS = new FileTarget(null, null, null);

  final PartitionState partition;
  final String logDir;
  final String fileName;

  FileTarget(PartitionState partition, String logDir, String fileName) {
    this.partition = partition;
    this.logDir = logDir;
    this.fileName = fileName;
  }

  boolean measured() {
    return this != OUTSIDE_LOG_DIRS;
  }
}
