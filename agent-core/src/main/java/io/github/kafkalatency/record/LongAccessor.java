package io.github.kafkalatency.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * A {@code long} read from an object whose class is known only at run time (a Kafka {@code
 * LogAppendInfo} or request), as cheap as a compiled getter once the JIT has seen it.
 *
 * <p>Usage: keep {@link #invoker()} in a {@code static final} field and call it with {@code (long)
 * INVOKER.invokeExact(target)}. The first class seen is bound into a {@link MutableCallSite} behind
 * a class check, so the JIT inlines the accessor as a constant (a {@code ClassValue} lookup and a
 * non-constant handle cost a broker 0.4-0.6 % of its CPU samples, by async-profiler, on every
 * append). Other classes and null go the slow way through {@code resolve}; a missing accessor or
 * one that throws reads as 0.
 *
 * <p>Thread-safety: any thread; the call site is bound at most once.
 */
final class LongAccessor {
  static final MethodType TO_LONG = MethodType.methodType(long.class, Object.class);
  private static final MethodHandle SLOW;
  private static final MethodHandle IS_INSTANCE;
  private static final MethodHandle ZERO =
      MethodHandles.dropArguments(MethodHandles.constant(long.class, 0L), 0, Object.class);

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SLOW = l.findVirtual(LongAccessor.class, "slow", TO_LONG);
      IS_INSTANCE =
          l.findVirtual(
              Class.class, "isInstance", MethodType.methodType(boolean.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Finds a class's accessor, typed {@code (Object)long}, or null when it has none. */
  interface Resolver {
    MethodHandle resolve(Class<?> type);
  }

  private final ClassValue<MethodHandle> byClass;
  private final MutableCallSite site = new MutableCallSite(TO_LONG);
  private volatile boolean bound;

  LongAccessor(Resolver resolver) {
    this.byClass =
        new ClassValue<>() {
          @Override
          protected MethodHandle computeValue(Class<?> type) {
            MethodHandle h = resolver.resolve(type);
            return h == null ? ZERO : h;
          }
        };
    site.setTarget(SLOW.bindTo(this));
  }

  MethodHandle invoker() {
    return site.dynamicInvoker();
  }

  private long slow(Object target) throws Throwable {
    if (target == null) {
      return 0;
    }
    Class<?> type = target.getClass();
    MethodHandle h = byClass.get(type);
    if (!bound) {
      bind(type, h);
    }
    return (long) h.invokeExact(target);
  }

  private synchronized void bind(Class<?> type, MethodHandle h) {
    if (bound) {
      return;
    }
    bound = true;
    site.setTarget(MethodHandles.guardWithTest(IS_INSTANCE.bindTo(type), h, SLOW.bindTo(this)));
    MutableCallSite.syncAll(new MutableCallSite[] {site});
  }
}
