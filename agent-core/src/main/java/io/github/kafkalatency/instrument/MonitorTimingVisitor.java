package io.github.kafkalatency.instrument;

import io.github.kafkalatency.record.Sites;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Wraps every {@code monitorenter} and {@code monitorexit} of one method with probe calls, using
 * only the operand stack (no new locals, no branches, so no stack map frame changes):
 *
 * <pre>
 *   [lock]  DUP, load owner, push site, INVOKESTATIC Probe.beforeLogLock  [lock, token]
 *           SWAP, MONITORENTER                                             [token]
 *           INVOKESTATIC Probe.logLockAcquired                             []
 *   [lock]  INVOKESTATIC Probe.logLockReleasing, MONITOREXIT, INVOKESTATIC Probe.logLockReleased
 * </pre>
 *
 * <p>The owner is {@code this} in instance methods and the first argument of static closures
 * whose first parameter is the log ({@code $anonfun$flush$2(UnifiedLog, ...)}); elsewhere null.
 * Probe methods never throw, which matters here: the call after {@code monitorenter} lies outside
 * the block's exception range.
 */
final class MonitorTimingVisitor extends MethodVisitor {
  private static final String PROBE = "io/github/kafkalatency/probe/Probe";

  private final boolean ownerInSlotZero;
  private final String siteName;
  private final Runnable onMonitor;
  private int site = -1;

  MonitorTimingVisitor(MethodVisitor delegate, String ownerInternalName, int access, String name,
      String descriptor, Runnable onMonitor) {
    super(OpenedClassReader.ASM_API, delegate);
    this.ownerInSlotZero = (access & Opcodes.ACC_STATIC) == 0
        || descriptor.startsWith("(L" + ownerInternalName + ";");
    this.siteName = Sites.fromMethodName(name);
    this.onMonitor = onMonitor;
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode == Opcodes.MONITORENTER) {
      super.visitInsn(Opcodes.DUP);
      if (ownerInSlotZero) {
        super.visitVarInsn(Opcodes.ALOAD, 0);
      } else {
        super.visitInsn(Opcodes.ACONST_NULL);
      }
      super.visitLdcInsn(site());
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "beforeLogLock",
          "(Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;", false);
      super.visitInsn(Opcodes.SWAP);
      super.visitInsn(Opcodes.MONITORENTER);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "logLockAcquired", "(Ljava/lang/Object;)V", false);
      onMonitor.run();
    } else if (opcode == Opcodes.MONITOREXIT) {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "logLockReleasing", "()V", false);
      super.visitInsn(Opcodes.MONITOREXIT);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "logLockReleased", "()V", false);
    } else {
      super.visitInsn(opcode);
    }
  }

  private int site() {
    if (site < 0) {
      site = Sites.register(siteName);
    }
    return site;
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(maxStack + 3, maxLocals);
  }
}
