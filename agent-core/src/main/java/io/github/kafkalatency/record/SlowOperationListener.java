package io.github.kafkalatency.record;

/**
 * Told about each operation slower than its threshold, on the thread that did it and after any log
 * lock was released; the emit stage turns these into JFR events.
 *
 * <p>Implementations must be thread-safe and cheap. Times are {@code System.nanoTime()} values.
 */
public interface SlowOperationListener {
  void slowAppend(PartitionState p, long startNanos, long durationNanos, long records, long bytes);

  void slowLockHold(PartitionState p, String site, long startNanos, long holdNanos);

  void slowPartitionLockWait(PartitionState p, long startNanos, long waitNanos);

  /**
   * {@code p} is null for files at a log dir's top level, such as checkpoints; {@code overlap} is
   * another thread's read or transfer of the same file that overlapped a slow write, or null;
   * {@code kernelWaitSite} where in the kernel the operation waited, when read while it ran, or
   * null; for a write inside an append, {@code baseOffset} and {@code records} name the batch
   * written ({@code -1} and 0 otherwise).
   */
  void slowFileOp(
      PartitionState p,
      String logDir,
      String fileName,
      int op,
      long startNanos,
      long durationNanos,
      long bytes,
      boolean underLogLock,
      IoOverlap overlap,
      String kernelWaitSite,
      long baseOffset,
      long records);

  /** A produce request slower than its threshold, complete with Kafka's breakdown and ours. */
  void slowProduceRequest(ProduceTrace request);

  SlowOperationListener NONE =
      new SlowOperationListener() {
        @Override
        public void slowProduceRequest(ProduceTrace r) {}

        @Override
        public void slowAppend(PartitionState p, long s, long d, long r, long b) {}

        @Override
        public void slowLockHold(PartitionState p, String site, long s, long h) {}

        @Override
        public void slowPartitionLockWait(PartitionState p, long s, long w) {}

        @Override
        public void slowFileOp(
            PartitionState p,
            String d,
            String f,
            int op,
            long s,
            long du,
            long b,
            boolean u,
            IoOverlap o,
            String k,
            long bo,
            long r) {}
      };
}
