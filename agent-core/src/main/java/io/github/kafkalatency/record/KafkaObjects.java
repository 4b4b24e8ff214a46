package io.github.kafkalatency.record;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Reads what the agent needs from Kafka objects it only knows as {@code Object}: a log's or a
 * partition's topic-partition and directory, an append's record and byte counts.
 *
 * <p>Uses public methods present in every supported version ({@code topicPartition()}, {@code
 * dir()}, {@code LogAppendInfo.numMessages()/validBytes()}), looked up once per class. A method
 * that is missing yields "unknown" values rather than an error. The counts read after every append
 * go through method handles typed {@code (Object)long}, so reading them boxes nothing. Thread-safe.
 */
final class KafkaObjects {
  private static final ClassValue<Method> TOPIC_PARTITION = accessor("topicPartition");
  private static final ClassValue<Method> DIR = accessor("dir");
  private static final ClassValue<Method> TOPIC = accessor("topic");
  private static final ClassValue<Method> PARTITION = accessor("partition");
  private static final MethodType TO_LONG = MethodType.methodType(long.class, Object.class);
  // Read after every append: static final invokers, so that the JIT inlines the getters.
  private static final MethodHandle NUM_MESSAGES =
      new LongAccessor(t -> longGetter(t, "numMessages")).invoker();
  private static final MethodHandle VALID_BYTES =
      new LongAccessor(t -> longGetter(t, "validBytes")).invoker();
  private static final ClassValue<MethodHandle> FIRST_OFFSET = longAccessor("firstOffset");
  private static final ClassValue<MethodHandle> LAST_OFFSET = longAccessor("lastOffset");

  private KafkaObjects() {}

  /** {topic, partition} of a UnifiedLog or Partition, or null. */
  static Object[] topicPartition(Object logOrPartition) {
    Object tp = call(TOPIC_PARTITION, logOrPartition);
    if (tp == null) {
      return null;
    }
    Object topic = call(TOPIC, tp);
    Object partition = call(PARTITION, tp);
    if (!(topic instanceof String) || !(partition instanceof Integer)) {
      return null;
    }
    return new Object[] {topic, partition};
  }

  /** The log dir (parent of the partition directory) of a UnifiedLog, or null. */
  static String logDirOf(Object log) {
    Object dir = call(DIR, log);
    if (dir instanceof File) {
      File parent = ((File) dir).getAbsoluteFile().getParentFile();
      return parent == null ? null : parent.getPath();
    }
    return null;
  }

  static long numMessages(Object appendInfo) {
    return invokeLong(
        NUM_MESSAGES, appendInfo); // constant once inlined: the JIT inlines the getter
  }

  static long validBytes(Object appendInfo) {
    return invokeLong(VALID_BYTES, appendInfo); // constant once inlined: the JIT inlines the getter
  }

  /**
   * The offset of the first record appended, -1 when unknown: {@code firstOffset()} where it is a
   * number (3.5+), else {@code lastOffset() - records + 1} (a leader assigns offsets
   * consecutively).
   */
  static long baseOffset(Object appendInfo, long records) {
    if (appendInfo == null || records <= 0) {
      return -1;
    }
    MethodHandle first = FIRST_OFFSET.get(appendInfo.getClass());
    if (first != null) {
      return invokeLong(first, appendInfo);
    }
    MethodHandle last = LAST_OFFSET.get(appendInfo.getClass());
    return last == null ? -1 : invokeLong(last, appendInfo) - records + 1;
  }

  /**
   * {@code getter(target)} for a handle typed {@code (Object)long}; 0 when there is none or it
   * throws.
   */
  static long invokeLong(MethodHandle getter, Object target) {
    if (getter == null) {
      return 0;
    }
    try {
      return (long) getter.invokeExact(target);
    } catch (Throwable e) {
      return 0;
    }
  }

  private static Object call(ClassValue<Method> accessor, Object target) {
    Method m = accessor.get(target.getClass());
    if (m == null) {
      return null;
    }
    try {
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static ClassValue<Method> accessor(String name) {
    return new ClassValue<>() {
      @Override
      protected Method computeValue(Class<?> type) {
        return publicMethod(type, name);
      }
    };
  }

  private static ClassValue<MethodHandle> longAccessor(String name) {
    return new ClassValue<>() {
      @Override
      protected MethodHandle computeValue(Class<?> type) {
        return longGetter(type, name);
      }
    };
  }

  /** {@code type}'s public no-argument method {@code name} typed {@code (Object)long}, or null. */
  private static MethodHandle longGetter(Class<?> type, String name) {
    Method m = publicMethod(type, name);
    try {
      return m == null ? null : MethodHandles.lookup().unreflect(m).asType(TO_LONG);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not a number: the count reads as 0
    }
  }

  private static Method publicMethod(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
