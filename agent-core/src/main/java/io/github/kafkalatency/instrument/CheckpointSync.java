package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import java.io.FileDescriptor;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

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
    return transformations.on(
        List.of(WRITERS),
        (b, type, loader, module, domain) -> {
          status.placed(hook, type.getSimpleName(), "FileDescriptor.sync");
          return b.visit(new SyncCalls());
        });
  }

  /**
   * {@code fd.sync()} becomes {@code Probe.syncFileDescriptor(fd)}: the same operand stack, the
   * same exceptions. Plain ASM rather than Byte Buddy's member substitution, which cost about 50 ms
   * per class while the broker starts, for one instruction.
   */
  static final class SyncCalls extends AsmVisitorWrapper.AbstractBase {
    private static final String PROBE = Type.getInternalName(Probe.class);
    private static final String FILE_DESCRIPTOR = Type.getInternalName(FileDescriptor.class);

    @Override
    public ClassVisitor wrap(
        TypeDescription type,
        ClassVisitor visitor,
        Implementation.Context context,
        TypePool pool,
        FieldList<FieldDescription.InDefinedShape> fields,
        MethodList<?> methods,
        int writerFlags,
        int readerFlags) {
      return new ClassVisitor(OpenedClassReader.ASM_API, visitor) {
        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
          return mv == null
              ? null
              : new MethodVisitor(OpenedClassReader.ASM_API, mv) {
                @Override
                public void visitMethodInsn(
                    int opcode, String owner, String method, String desc, boolean isInterface) {
                  if (opcode == Opcodes.INVOKEVIRTUAL
                      && owner.equals(FILE_DESCRIPTOR)
                      && method.equals("sync")
                      && desc.equals("()V")) {
                    super.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        PROBE,
                        "syncFileDescriptor",
                        "(L" + FILE_DESCRIPTOR + ";)V",
                        false);
                  } else {
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                  }
                }
              };
        }
      };
    }
  }
}
