package io.github.kafkalatency.instrument;

import io.github.kafkalatency.record.LogStateField;
import io.github.kafkalatency.record.Sites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Wraps every {@code monitorenter} and {@code monitorexit} of one method with probe calls, using
 * only the operand stack (no new locals, no branches, so no stack map frame changes):
 *
 * <pre>
 *   [lock]  DUP, load owner, state, push site, INVOKESTATIC Probe.beforeLogLock, MONITORENTER
 *           (label: start of the block's exception range) state, INVOKESTATIC Probe.logLockAcquired
 *   [lock]  state, INVOKESTATIC Probe.logLockReleasing, MONITOREXIT      (inside the block's range)
 *           (label: end of the range) state, INVOKESTATIC Probe.logLockReleased
 *   [lock]  MONITOREXIT, state, INVOKESTATIC Probe.logLockExited         (outside it)
 * </pre>
 *
 * <p>"state" is {@code ALOAD 0, GETFIELD} of the owner's {@link LogStateField}, or null where there
 * is no owner: every call of a block gets it, so that a block nested in the thread's own hold is
 * recognised from the partition alone.
 *
 * <p>Where the calls go matters to HotSpot, which compiles a method only if its locking is provably
 * structured: every instruction that can throw while a monitor is held must be covered by a
 * catch-all handler that releases it, and a handler must not catch its own exits. A call between
 * {@code monitorenter} and the start of the block's range, or right before a {@code monitorexit}
 * that the range does not cover (javac's exception path; scalac's normal path too, whose range ends
 * before the exit), would make C1 or C2 refuse the method, which then runs interpreted. So the call
 * after {@code monitorenter} waits for the next instruction, after the range's label, and a {@code
 * monitorexit} outside its block's range gets a single call after it. (Checked with {@code
 * -XX:+PrintCompilation}: no {@code COMPILE SKIPPED} for Kafka's classes on 3.9.2 and 4.4.0.)
 *
 * <p>The owner is {@code this} in instance methods and the first argument of static closures whose
 * first parameter is the log ({@code $anonfun$flush$2(UnifiedLog, ...)}); elsewhere null. With the
 * owner goes the value of its {@link LogStateField} ({@code DUP, GETFIELD}), which {@link
 * LogLockHook} adds to every class it runs this visitor on.
 */
final class MonitorTimingVisitor extends MethodVisitor {
  private static final String PROBE = "io/github/kafkalatency/probe/Probe";

  private final boolean ownerInSlotZero;
  private final String owner;

  /**
   * Whether to pass the owner's {@link LogStateField} (the hook adds it): never on a null owner.
   */
  private final boolean stateField;

  private final String siteName;
  private final Runnable onMonitor;
  private int site = -1;

  /** Calls held back until the next instruction, in order; empty when none. */
  private final List<String> pending = new ArrayList<>(2);

  /**
   * Each catch-all range's start and the ends of the ranges starting there (ASM visits them first).
   */
  private final Map<Label, List<Label>> catchAllRanges = new HashMap<>();

  /** Set by a monitorenter until the next instruction: a range starting now is that block's own. */
  private boolean justEntered;

  /** The end labels of the open ranges that began right after a monitorenter. */
  private final Set<Label> openBlockRanges = new HashSet<>();

  MonitorTimingVisitor(
      MethodVisitor delegate,
      String ownerInternalName,
      int access,
      String name,
      String descriptor,
      Runnable onMonitor) {
    super(OpenedClassReader.ASM_API, delegate);
    this.owner = ownerInternalName;
    // A GETFIELD on a null owner would throw inside Kafka: only `this` and a closure's captured
    // log (its first argument) are never null; other static methods pass the log without it.
    this.stateField =
        (access & Opcodes.ACC_STATIC) == 0
            || name.startsWith("$anonfun$")
            || name.startsWith("lambda$");
    this.ownerInSlotZero =
        (access & Opcodes.ACC_STATIC) == 0 || descriptor.startsWith("(L" + ownerInternalName + ";");
    this.siteName = Sites.fromMethodName(name);
    this.onMonitor = onMonitor;
  }

  @Override
  public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
    if (type == null && start != handler) {
      catchAllRanges.computeIfAbsent(start, k -> new ArrayList<>(1)).add(end);
    }
    super.visitTryCatchBlock(start, end, handler, type);
  }

  @Override
  public void visitLabel(Label label) {
    openBlockRanges.remove(label);
    if (justEntered && catchAllRanges.containsKey(label)) {
      openBlockRanges.addAll(catchAllRanges.get(label));
    }
    super.visitLabel(label);
  }

  @Override
  public void visitInsn(int opcode) {
    flush();
    if (opcode == Opcodes.MONITORENTER) {
      super.visitInsn(Opcodes.DUP);
      if (ownerInSlotZero) {
        super.visitVarInsn(Opcodes.ALOAD, 0);
        if (stateField) {
          super.visitInsn(Opcodes.DUP);
        }
        loadState();
      } else {
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitInsn(Opcodes.ACONST_NULL);
      }
      super.visitLdcInsn(site());
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          PROBE,
          "beforeLogLock",
          "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;I)V",
          false);
      super.visitInsn(Opcodes.MONITORENTER);
      pending.add("logLockAcquired");
      justEntered = true;
      onMonitor.run();
    } else if (opcode == Opcodes.MONITOREXIT && openBlockRanges.isEmpty()) {
      // No block's own range covers this monitorexit (the exception path; scalac's normal path,
      // whose range ends before it): a call before it could throw out of the method with the lock
      // held, and HotSpot would then never compile the method. One call after it does both parts.
      super.visitInsn(Opcodes.MONITOREXIT);
      pending.add("logLockExited");
    } else if (opcode == Opcodes.MONITOREXIT) {
      loadStateOrNull();
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC, PROBE, "logLockReleasing", "(Ljava/lang/Object;)V", false);
      super.visitInsn(Opcodes.MONITOREXIT);
      pending.add("logLockReleased");
    } else {
      super.visitInsn(opcode);
    }
  }

  private void flush() {
    justEntered = false;
    for (String call : pending) {
      loadStateOrNull();
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, call, "(Ljava/lang/Object;)V", false);
    }
    pending.clear();
  }

  /** With the owner on the stack: replaces it by its {@link LogStateField}, or pushes null. */
  private void loadState() {
    if (stateField) {
      super.visitFieldInsn(Opcodes.GETFIELD, owner, LogStateField.NAME, LogStateField.DESCRIPTOR);
    } else {
      super.visitInsn(Opcodes.ACONST_NULL);
    }
  }

  private void loadStateOrNull() {
    if (ownerInSlotZero && stateField) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
      loadState();
    } else {
      super.visitInsn(Opcodes.ACONST_NULL);
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
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    flush();
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm, Object... bsmArgs) {
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
  public void visitTableSwitchInsn(
      int min, int max, net.bytebuddy.jar.asm.Label dflt, net.bytebuddy.jar.asm.Label... labels) {
    flush();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(
      net.bytebuddy.jar.asm.Label dflt, int[] keys, net.bytebuddy.jar.asm.Label[] labels) {
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
    super.visitMaxs(maxStack + 4, maxLocals);
  }
}
