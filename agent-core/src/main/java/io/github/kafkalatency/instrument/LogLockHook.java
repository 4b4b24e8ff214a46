package io.github.kafkalatency.instrument;

import io.github.kafkalatency.record.LogStateField;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Times every wait for and hold of a partition's log lock ({@code synchronized (lock)} in {@code
 * UnifiedLog}): in {@code append} and in every other method and closure that takes it (roll, flush,
 * truncate, delete, high-watermark updates, producer state...). Each {@code monitorenter} is
 * wrapped by {@link MonitorTimingVisitor}; the site is the method name. Works on the class file's
 * methods as written, synthetic lambdas included, since the critical section of flush, delete and
 * truncate lives in a closure. The only other monitor in the class (Scala's lazy logger, on {@code
 * this}) is recognised and ignored at run time.
 *
 * <p>The class also gets one field, {@link LogStateField}, in which the agent keeps the log's
 * partition so that a lock site finds it without a lookup. Adding a field is allowed only when a
 * class is first defined, which is when a {@code -javaagent} sees Kafka's log class; a later
 * retransformation re-applies the same change to the original bytes, so the shape matches.
 */
final class LogLockHook implements Hook {
  static final String NAME = "log-lock";

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(
        new HookTarget(
            KafkaClasses.UNIFIED_LOG_NAMES, net.bytebuddy.matcher.ElementMatchers.named("append")));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void extend(Transformations transformations, HookStatus status) {
    transformations.on(
        KafkaClasses.UNIFIED_LOG_NAMES,
        (b, type, loader, module, domain) -> b.visit(new EveryMethod(status)));
  }

  private static final class EveryMethod extends AsmVisitorWrapper.AbstractBase {
    private final HookStatus status;

    EveryMethod(HookStatus status) {
      this.status = status;
    }

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
      String owner = type.getInternalName();
      String target = type.getSimpleName();
      boolean hasField = fields.stream().anyMatch(f -> f.getName().equals(LogStateField.NAME));
      return new ClassVisitor(OpenedClassReader.ASM_API, visitor) {
        @Override
        public void visitEnd() {
          if (!hasField) {
            super.visitField(
                    Opcodes.ACC_PUBLIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    LogStateField.NAME,
                    LogStateField.DESCRIPTOR,
                    null,
                    null)
                .visitEnd();
          }
          super.visitEnd();
        }

        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
          int[] monitors = new int[1];
          return mv == null
              ? null
              : new MonitorTimingVisitor(
                  mv,
                  owner,
                  access,
                  name,
                  descriptor,
                  () -> status.placed(NAME, target, name + descriptor + "#" + monitors[0]++));
        }
      };
    }
  }
}
