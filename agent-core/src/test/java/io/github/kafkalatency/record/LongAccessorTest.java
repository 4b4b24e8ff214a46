package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

class LongAccessorTest {
  public static final class First {
    public long count() {
      return 7;
    }
  }

  public static final class Second {
    public long count() {
      return 11;
    }
  }

  public static final class Throwing {
    public long count() {
      throw new IllegalStateException("broken getter");
    }
  }

  private static MethodHandle count(Class<?> type) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(type, "count", java.lang.invoke.MethodType.methodType(long.class))
          .asType(LongAccessor.TO_LONG);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static long read(MethodHandle invoker, Object target) {
    try {
      return (long) invoker.invokeExact(target);
    } catch (Throwable e) {
      return -1;
    }
  }

  @Test
  void readsTheBoundClassAndStillEveryOtherOne() {
    MethodHandle invoker = new LongAccessor(LongAccessorTest::count).invoker();
    for (int i = 0; i < 20_000; i++) { // long enough for the JIT to compile the bound site
      assertEquals(7, read(invoker, new First()));
    }
    assertEquals(11, read(invoker, new Second()));
    assertEquals(7, read(invoker, new First()));
  }

  @Test
  void nullAndClassesWithoutTheAccessorReadAsZero() {
    MethodHandle invoker = new LongAccessor(LongAccessorTest::count).invoker();
    assertEquals(0, read(invoker, null));
    assertEquals(0, read(invoker, "no count() here"));
    assertEquals(7, read(invoker, new First()));
  }

  @Test
  void aThrowingAccessorThrowsToTheCallerThatCatchesIt() {
    MethodHandle invoker = new LongAccessor(LongAccessorTest::count).invoker();
    assertEquals(-1, read(invoker, new Throwing()));
  }
}
