package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code Partition.appendRecordsToLeader}, before it takes the read lock. */
final class PartitionLockRequestAdvice {
  private PartitionLockRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter() {
    Probe.partitionLockRequested();
  }
}
