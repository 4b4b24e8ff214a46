package io.github.kafkalatency.record;

/**
 * A file operation on a log file slower than the threshold, as the stall detector sees it.
 * Immutable.
 */
final class SlowFileOp {
  final PartitionState partition;
  final String logDir;
  final int op;
  final long start;
  final long duration;
  final Thread thread;
  final String kernelSite;
  final IoOverlap overlap;

  SlowFileOp(
      PartitionState partition,
      String logDir,
      int op,
      long start,
      long duration,
      Thread thread,
      String kernelSite,
      IoOverlap overlap) {
    this.partition = partition;
    this.logDir = logDir;
    this.op = op;
    this.start = start;
    this.duration = duration;
    this.thread = thread;
    this.kernelSite = kernelSite;
    this.overlap = overlap;
  }
}
