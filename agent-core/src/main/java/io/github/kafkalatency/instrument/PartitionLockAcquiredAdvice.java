package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code Partition.$anonfun$appendRecordsToLeader$1(Partition, ...)}, the
 * closure that runs once the read lock is held.
 */
final class PartitionLockAcquiredAdvice {
  private PartitionLockAcquiredAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) Object partition) {
    Probe.partitionLockAcquired(partition);
  }
}
