package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The wait for {@code Partition.leaderIsrUpdateLock}'s read lock on the produce path: from the
 * entry of {@code appendRecordsToLeader} to the entry of its closure, which runs under the lock.
 * That covers the inlined {@code readLock().lock()} of 3.9 to 4.2 and {@code LockUtils.inReadLock}
 * of 4.3+, whose closure is {@code $anonfun$appendRecordsToLeader$1} in every version. A writer
 * (leader change, ISR change) holding the lock stalls every append to the partition.
 */
final class PartitionLockHook implements Hook {
  static final String NAME = "partition-lock";

  private static final ElementMatcher<MethodDescription> APPEND =
      named("appendRecordsToLeader").and(not(isStatic()));
  private static final ElementMatcher<MethodDescription> CLOSURE =
      nameStartsWith("$anonfun$appendRecordsToLeader$")
          .and(isStatic())
          .and(takesArgument(0, named("kafka.cluster.Partition")));

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(
        new HookTarget(java.util.List.of("kafka.cluster.Partition"), APPEND),
        new HookTarget(java.util.List.of("kafka.cluster.Partition"), CLOSURE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void extend(Transformations transformations, HookStatus status) {
    transformations.on(
        KafkaClasses.PARTITION_NAME,
        (b, type, loader, module, domain) -> {
          if (!type.getDeclaredMethods().filter(APPEND).isEmpty()
              && !type.getDeclaredMethods().filter(CLOSURE).isEmpty()) {
            status.placed(NAME, type.getSimpleName(), "appendRecordsToLeader");
          }
          return b.visit(Advice.to(PartitionLockRequestAdvice.class).on(APPEND))
              .visit(Advice.to(PartitionLockAcquiredAdvice.class).on(CLOSURE));
        });
  }

  /**
   * Inlined at the start of {@code Partition.$anonfun$appendRecordsToLeader$1(Partition, ...)}, the
   * closure that runs once the read lock is held.
   */
  static final class PartitionLockAcquiredAdvice {
    private PartitionLockAcquiredAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object partition) {
      Probe.partitionLockAcquired(partition);
    }
  }

  /**
   * Inlined at the start of {@code Partition.appendRecordsToLeader}, before it takes the read lock.
   */
  static final class PartitionLockRequestAdvice {
    private PartitionLockRequestAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
      Probe.partitionLockRequested();
    }
  }
}
