package io.github.kafkalatency.report;

import java.time.Instant;

/**
 * A {@code kafkalatency.LogFileOperation}: a slow write, force (fsync), transferTo (sendfile) or
 * read of a file under a log dir.
 *
 * <p>Usage: read by {@link EventMapper}; {@code partition} is {@link PartitionNames#NONE} for files
 * at the top of a log dir, such as checkpoints.
 */
record RecordedFileOp(
    Instant start,
    long nanos,
    String thread,
    String operation,
    String partition,
    String file,
    long bytes,
    boolean underLogLock,
    String overlappingThread,
    String overlappingOperation,
    String kernelWaitSite,
    long baseOffset,
    long records,
    String hint)
    implements Timed {

  String note() {
    StringBuilder b = new StringBuilder(underLogLock ? "under log lock" : "");
    if (overlappingThread != null && overlappingOperation != null) {
      b.append(b.length() == 0 ? "" : "; ")
          .append("overlapping ")
          .append(overlappingOperation)
          .append(" by ")
          .append(overlappingThread);
    }
    if (baseOffset >= 0) {
      b.append(b.length() == 0 ? "" : "; ")
          .append(records)
          .append(" records from offset ")
          .append(baseOffset);
    }
    if (kernelWaitSite != null) {
      b.append(b.length() == 0 ? "" : "; ").append("kernel wait site ").append(kernelWaitSite);
    }
    if (hint != null) {
      b.append(b.length() == 0 ? "" : "; ").append("hint: ").append(hint);
    }
    return b.toString();
  }
}
