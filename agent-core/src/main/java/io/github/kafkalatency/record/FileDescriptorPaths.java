package io.github.kafkalatency.record;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Use {@code FileDescriptorPaths.pathOf(fd)} for the path of the {@code FileOutputStream} that owns
 * a descriptor, or null. Reads two private JDK fields ({@code FileDescriptor.parent}, set when the
 * stream attaches to its descriptor, and {@code FileOutputStream.path}), so it needs {@code
 * java.io} opened to this module, which the agent does at start; without that, or on a JDK whose
 * fields differ, every path is null and the syncs they stand for go untimed. Two field reads, no
 * allocation: cheap enough under Kafka's log lock. Thread-safe.
 */
public final class FileDescriptorPaths {
  private static final MethodHandle PARENT;
  private static final MethodHandle PATH;

  static {
    MethodHandle parent = null;
    MethodHandle path = null;
    try {
      parent =
          MethodHandles.privateLookupIn(FileDescriptor.class, MethodHandles.lookup())
              .findGetter(FileDescriptor.class, "parent", Closeable.class)
              .asType(MethodType.methodType(Object.class, FileDescriptor.class));
      path =
          MethodHandles.privateLookupIn(FileOutputStream.class, MethodHandles.lookup())
              .findGetter(FileOutputStream.class, "path", String.class)
              .asType(MethodType.methodType(String.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      parent = null; // not opened, or another JDK layout: paths read as null
      path = null;
    }
    PARENT = parent;
    PATH = path;
  }

  private FileDescriptorPaths() {}

  /** Whether paths can be read at all on this JVM. */
  public static boolean readable() {
    return PARENT != null;
  }

  public static String pathOf(FileDescriptor fd) {
    if (PARENT == null || fd == null) {
      return null;
    }
    try {
      Object parent = (Object) PARENT.invokeExact(fd);
      return parent instanceof FileOutputStream ? (String) PATH.invokeExact(parent) : null;
    } catch (Throwable e) {
      return null;
    }
  }
}
