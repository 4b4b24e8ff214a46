package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.github.kafkalatency.probe.Probe;
import java.io.FileDescriptor;
import java.util.List;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Replaces each {@code FileDescriptor.sync()} call in Kafka's checkpoint writers with {@link
 * Probe#syncFileDescriptor}, which makes the same call and times it as a force of the checkpoint
 * file. The JDK method is native, so it is the call sites that are instrumented. Up to 3.6 the
 * leader-epoch checkpoint is written and synced while the log lock is held (KAFKA-15046): on a
 * stalled disk that sync is the holder's operation. The other checkpoints (recovery point, high
 * watermark, log start offset, partition metadata) go through the same classes.
 */
final class CheckpointSync {
  /** 2.4-3.2 (Scala), 3.3+ (server-common), the partition.metadata file of 2.8-3.6 and of 3.7+. */
  static final String[] WRITERS = {
    "kafka.server.checkpoints.CheckpointFile",
    "org.apache.kafka.server.common.CheckpointFile",
    "kafka.server.PartitionMetadataFile",
    "org.apache.kafka.storage.internals.checkpoint.PartitionMetadataFile"
  };

  private CheckpointSync() {}

  static Transformations extend(Transformations transformations, HookStatus status, String hook) {
    MethodDescription sync;
    try {
      sync =
          new MethodDescription.ForLoadedMethod(
              Probe.class.getMethod("syncFileDescriptor", FileDescriptor.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return transformations.on(
        List.of(WRITERS),
        (b, type, loader, module, domain) -> {
          status.placed(hook, type.getSimpleName(), "FileDescriptor.sync");
          return b.visit(
              MemberSubstitution.relaxed()
                  .method(
                      named("sync").and(takesArguments(0)).and(isDeclaredBy(FileDescriptor.class)))
                  .replaceWith(sync)
                  .on(ElementMatchers.any()));
        });
  }
}
