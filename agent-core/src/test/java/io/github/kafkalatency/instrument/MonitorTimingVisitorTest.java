package io.github.kafkalatency.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkalatency.probe.Probe;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * The visitor writes its calls to {@link Probe} as strings, which no compiler checks: a renamed or
 * re-typed probe method would be a {@code NoSuchMethodError} inside Kafka's append. Every call it
 * emits into a synchronized block must name a public static method of {@link Probe}.
 */
class MonitorTimingVisitorTest {
  private static final String PROBE = Type.getInternalName(Probe.class);

  /** A log-like class: a synchronized block left normally and by an exception. */
  static final class Sample {
    private final Object lock = new Object();
    private int n;

    void append(boolean fail) {
      synchronized (lock) {
        n++;
        if (fail) {
          throw new IllegalStateException();
        }
      }
    }
  }

  @Test
  void everyProbeCallItEmitsExistsOnProbeWithItsDescriptor() throws Exception {
    List<String> calls = new ArrayList<>();
    try (InputStream in =
        Sample.class.getResourceAsStream("MonitorTimingVisitorTest$Sample.class")) {
      new ClassReader(in)
          .accept(
              new ClassVisitor(OpenedClassReader.ASM_API) {
                private String owner;

                @Override
                public void visit(
                    int v, int access, String name, String sig, String sup, String[] ifs) {
                  owner = name;
                }

                @Override
                public MethodVisitor visitMethod(
                    int access, String name, String descriptor, String sig, String[] exceptions) {
                  MethodVisitor recorder =
                      new MethodVisitor(OpenedClassReader.ASM_API) {
                        @Override
                        public void visitMethodInsn(
                            int op, String o, String n, String d, boolean itf) {
                          if (o.equals(PROBE)) {
                            calls.add(n + d);
                          }
                        }
                      };
                  return new MonitorTimingVisitor(
                      recorder, owner, access, name, descriptor, () -> {});
                }
              },
              0);
    }
    Set<String> onProbe = new TreeSet<>();
    for (Method m : Probe.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        onProbe.add(m.getName() + Type.getMethodDescriptor(m));
      }
    }
    Set<String> emitted = new TreeSet<>(calls);
    assertEquals(
        Set.of(
            "beforeLogLock(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;I)V",
            "logLockAcquired(Ljava/lang/Object;)V",
            "logLockExited(Ljava/lang/Object;)V",
            "logLockReleased(Ljava/lang/Object;)V",
            "logLockReleasing(Ljava/lang/Object;)V"),
        emitted,
        "the visitor's calls on a block left normally and by an exception");
    emitted.removeAll(onProbe);
    assertEquals(Set.of(), emitted, "emitted calls missing from Probe");
  }
}
