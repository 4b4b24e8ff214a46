package io.github.kafkalatency.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.kafkalatency.probe.Probe;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer touches only the classes named to it, and there applies the hooks' visitors: here
 * the checkpoint hook's, whose rewritten call must run and reach {@link Probe}.
 */
class HookTransformerTest {
  @TempDir Path dir;

  /** Writes and syncs as Kafka's checkpoint files do. */
  public static final class CheckpointLike {
    public static void write(Path file) throws IOException {
      try (FileOutputStream out = new FileOutputStream(file.toFile())) {
        out.write(1);
        out.getFD().sync();
      }
    }
  }

  @Test
  void aNamedClassHasItsSyncCallRewrittenAndAnyOtherClassIsLeftAlone() throws Exception {
    String name = CheckpointLike.class.getName();
    List<String> placed = new ArrayList<>();
    Transformations transformations =
        new Transformations()
            .on(
                name,
                (b, type, loader, module, domain) -> {
                  placed.add(type.getSimpleName());
                  return b.visit(new CheckpointSync.SyncCalls());
                });
    HookTransformer transformer = new HookTransformer(new ByteBuddy(), transformations);
    ClassLoader loader = getClass().getClassLoader();
    byte[] original = bytesOf(CheckpointLike.class);

    assertNull(transformer.transform(loader, "some/other/Type", null, null, original));
    assertNull(transformer.transform(loader, null, null, null, original));
    byte[] rewritten = transformer.transform(loader, name.replace('.', '/'), null, null, original);

    assertNotNull(rewritten);
    assertEquals(List.of(CheckpointLike.class.getSimpleName()), placed);
    assertEquals(List.of("java/io/FileDescriptor.sync"), calls(original, "sync"));
    assertEquals(
        List.of(Type.getInternalName(Probe.class) + ".syncFileDescriptor"),
        calls(rewritten, "sync"));

    Class<?> loaded = new OneClassLoader(name, rewritten, loader).loadClass(name);
    Path file = dir.resolve("leader-epoch-checkpoint");
    loaded.getMethod("write", Path.class).invoke(null, file);
    assertEquals(1, Files.size(file), "the rewritten class still writes and syncs its file");
  }

  private static byte[] bytesOf(Class<?> type) throws IOException {
    try (InputStream in =
        type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** owner.name of every method call whose name contains {@code part}. */
  private static List<String> calls(byte[] classFile, String part) {
    List<String> found = new ArrayList<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(OpenedClassReader.ASM_API) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String method, String d, boolean itf) {
                    if (method.contains(part)) {
                      found.add(owner + "." + method);
                    }
                  }
                };
              }
            },
            0);
    return found;
  }

  /** Defines one class from given bytes, child first; everything else from the parent. */
  private static final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    OneClassLoader(String name, byte[] classFile, ClassLoader parent) {
      super(parent);
      this.name = name;
      this.classFile = classFile;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (className.equals(name)) {
        synchronized (getClassLoadingLock(className)) {
          Class<?> c = findLoadedClass(className);
          return c != null ? c : defineClass(className, classFile, 0, classFile.length);
        }
      }
      return super.loadClass(className, resolve);
    }
  }
}
