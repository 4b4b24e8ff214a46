package io.github.kafkalatency.record;

/**
 * One thread's pass through one log-lock monitor: arrival, acquisition, and who held the lock when
 * it arrived. Preallocated per thread and reused, so the lock path never allocates.
 *
 * <p>Thread-safety: written by its owning thread; {@link PartitionState#holder} publishes it to
 * waiters, which read {@link #owner} and {@link #acquired} racily.
 */
final class LockAttempt {
  final ThreadProbe owner;

  /** {@code owner.thread}, beside the fields a holder check reads: one cache line, not two. */
  final Thread thread;

  Object lock;
  PartitionState partition;
  int site;
  boolean reentrant;
  long arrived;
  long acquired;

  /** The thread that held the lock when this one arrived (not necessarily the root of its wait). */
  ThreadProbe rootHolder;

  /** When the root holder acquired the lock: with {@link #rootHolder}, the key of its hold. */
  long rootAcquired;

  LockAttempt(ThreadProbe owner) {
    this.owner = owner;
    this.thread = owner.thread;
  }

  void clear() {
    lock = null;
    partition = null;
    rootHolder = null;
    reentrant = false;
  }
}
