package io.github.kafkalatency.record;

/**
 * A hold of a log lock longer than the threshold, with the slowest file operation inside it; handed
 * from the holder's thread to the aggregator, which joins it with the waits it caused. Immutable
 * once pushed.
 */
final class SlowHold {
  final PartitionState partition;
  final ThreadProbe owner;
  final String site;
  final long acquired;
  final long holdNanos;
  final int opKind;
  final String opFile;
  final long opDuration;
  final long opBytes;
  final IoOverlap overlap;

  /**
   * Where in the kernel the operation waited, when it was read while the operation ran; else null.
   */
  final String kernelSite;

  SlowHold(
      PartitionState partition,
      ThreadProbe owner,
      String site,
      long acquired,
      long holdNanos,
      int opKind,
      String opFile,
      long opDuration,
      long opBytes,
      IoOverlap overlap,
      String kernelSite) {
    this.partition = partition;
    this.owner = owner;
    this.site = site;
    this.acquired = acquired;
    this.holdNanos = holdNanos;
    this.opKind = opKind;
    this.opFile = opFile;
    this.opDuration = opDuration;
    this.opBytes = opBytes;
    this.overlap = overlap;
    this.kernelSite = kernelSite;
  }
}
