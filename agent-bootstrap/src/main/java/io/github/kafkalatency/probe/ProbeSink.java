package io.github.kafkalatency.probe;

/**
 * What the agent core does with each probe call. {@link Probe} forwards to the one installed sink.
 *
 * <p>Implementations must be thread-safe, must not block, and must not allocate on the paths marked
 * "under Kafka's log lock": there only a {@code System.nanoTime()} and plain stores are allowed.
 * They may throw; {@link Probe} catches it and turns the probes off.
 */
public interface ProbeSink {

  /**
   * Before {@code monitorenter} on a log's lock (not under it, unless re-entered).
   *
   * @param lock the monitor about to be entered
   * @param log the {@code UnifiedLog} that owns it, or {@code null} when the site cannot tell
   * @param logState what the core stored in the log's added field, or {@code null}
   * @param site the instrumented site, as numbered by the core
   */
  void beforeLogLock(Object lock, Object log, Object logState, int site);

  /**
   * First thing inside the synchronized block: under Kafka's log lock. {@code logState} here and in
   * the three calls below is what {@link #beforeLogLock} was given, read again from the log.
   */
  void logLockAcquired(Object logState);

  /** Right before each {@code monitorexit} of an instrumented site: under Kafka's log lock. */
  void logLockReleasing(Object logState);

  /**
   * First thing after each {@code monitorexit} of an instrumented site, outside the block's
   * exception range.
   */
  void logLockReleased(Object logState);

  /**
   * After a {@code monitorexit} that no exception range of its block covers (the exception path,
   * and scalac's normal path): outside Kafka's log lock, so {@link #logLockReleasing} could not run
   * before it; does the work of both.
   */
  void logLockExited(Object logState);

  /**
   * After {@code UnifiedLog.append} returned or threw; {@code info} is its {@code LogAppendInfo}.
   */
  void appendEnd(Object log, long startNanos, Object info, boolean failed);

  /** On entry to {@code Partition.appendRecordsToLeader}, before its read lock. */
  void partitionLockRequested();

  /** On entry to the closure that runs under the partition's read lock. */
  void partitionLockAcquired(Object partition);

  /**
   * On entry to {@code KafkaApis.handleProduceRequest}: what this thread does next belongs to
   * {@code request}.
   */
  void produceRequestStart(Object request);

  /** On exit from {@code KafkaApis.handleProduceRequest}. */
  void produceRequestEnd();

  /** After Kafka's own {@code updateRequestMetrics} for any request: the request is complete. */
  void requestCompleted(Object request);

  /** Before a {@code FileChannel} operation; may be under Kafka's log lock. Returns its start. */
  long fileOpStart(int op, String path, long bytes, long position);

  /** After a {@code FileChannel} operation; may be under Kafka's log lock. */
  void fileOpEnd(int op, String path, long startNanos, long bytes);

  /**
   * The file a {@code FileOutputStream}'s descriptor was opened on, or null; may be under Kafka's
   * log lock.
   */
  default String pathOf(java.io.FileDescriptor fd) {
    return null;
  }
}
