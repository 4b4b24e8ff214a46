package io.github.kafkalatency.record;

/**
 * A slow write done under a log lock, held back until the append around it returns, so that its
 * event can name the records written: the batch's base offset and record count from the append's
 * own result (never a payload read). Created and read by its thread only, off Kafka's lock.
 */
final class SlowWrite {
  final FileTarget file;
  final long start;
  final long duration;
  final long bytes;
  final IoOverlap overlap;
  final String kernelSite;

  SlowWrite(
      FileTarget file,
      long start,
      long duration,
      long bytes,
      IoOverlap overlap,
      String kernelSite) {
    this.file = file;
    this.start = start;
    this.duration = duration;
    this.bytes = bytes;
    this.overlap = overlap;
    this.kernelSite = kernelSite;
  }
}
