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
 *   [lock]  DUP, load owner, push site, INVOKESTATIC Probe.beforeLogLock, MONITORENTER
 *           (label: start of the block's exception range) INVOKESTATIC Probe.logLockAcquired
 *   [lock]  INVOKESTATIC Probe.logLockReleasing, MONITOREXIT
 *           (label: end of the range) INVOKESTATIC Probe.logLockReleased
 * </pre>
 *
 * <p>Where the calls after {@code monitorenter} and {@code monitorexit} go matters to HotSpot:
 * a call between {@code monitorenter} and the start of the block's exception range, or after
 * {@code monitorexit} but still inside a range whose handler releases the lock, breaks structured
 * locking as C1 and C2 check it, and the method is then never compiled. So both calls are held
 * back until the next instruction, which comes after the range's label.
 *
 * <p>The owner is {@code this} in instance methods and the first argument of static closures
 * whose first parameter is the log ({@code $anonfun$flush$2(UnifiedLog, ...)}); elsewhere null.
 */
final class MonitorTimingVisitor extends MethodVisitor {
  private static final String PROBE = "io/github/kafkalatency/probe/Probe";

  private final boolean ownerInSlotZero;
  private final String siteName;
  private final Runnable onMonitor;
  private int site = -1;
  /** A call held back until the next instruction: "logLockAcquired", "logLockReleased" or null. */
  private String pending;

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
    flush();
    if (opcode == Opcodes.MONITORENTER) {
      super.visitInsn(Opcodes.DUP);
      if (ownerInSlotZero) {
        super.visitVarInsn(Opcodes.ALOAD, 0);
      } else {
        super.visitInsn(Opcodes.ACONST_NULL);
      }
      super.visitLdcInsn(site());
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "beforeLogLock",
          "(Ljava/lang/Object;Ljava/lang/Object;I)V", false);
      super.visitInsn(Opcodes.MONITORENTER);
      pending = "logLockAcquired";
      onMonitor.run();
    } else if (opcode == Opcodes.MONITOREXIT) {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, "logLockReleasing", "()V", false);
      super.visitInsn(Opcodes.MONITOREXIT);
      pending = "logLockReleased";
    } else {
      super.visitInsn(opcode);
    }
  }

  private void flush() {
    if (pending != null) {
      String call = pending;
      pending = null;
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, call, "()V", false);
    }
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    flush();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int var) {
    flush();
    super.visitVarInsn(opcode, var);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    flush();
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    flush();
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    flush();
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm,
      Object... bsmArgs) {
    flush();
    super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
  }

  @Override
  public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
    flush();
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    flush();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int var, int increment) {
    flush();
    super.visitIincInsn(var, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, net.bytebuddy.jar.asm.Label dflt,
      net.bytebuddy.jar.asm.Label... labels) {
    flush();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(net.bytebuddy.jar.asm.Label dflt, int[] keys,
      net.bytebuddy.jar.asm.Label[] labels) {
    flush();
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    flush();
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
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
