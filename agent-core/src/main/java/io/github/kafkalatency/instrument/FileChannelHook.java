package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.github.kafkalatency.probe.Probe;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times {@code FileChannel} write (all overloads), force, transferTo and read on {@code
 * sun.nio.ch.FileChannelImpl}, the class every JVM file channel is. The public methods are advised
 * because the private {@code impl*} ones differ between JDKs. Every file is probed; only those
 * under the broker's log dirs are counted, which the recorder decides off Kafka's lock. Also places
 * {@link CheckpointSync}: the checkpoint files' {@code FileDescriptor.sync()}, timed as a force.
 */
final class FileChannelHook implements Hook {
  static final String NAME = "file-io";

  private static final ElementMatcher.Junction<MethodDescription> WRITE =
      named("write")
          .and(takesArguments(ByteBuffer.class))
          .and(returns(int.class))
          .or(
              named("write")
                  .and(takesArguments(ByteBuffer.class, long.class))
                  .and(returns(int.class)));
  private static final ElementMatcher.Junction<MethodDescription> GATHERING_WRITE =
      named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class));
  private static final ElementMatcher.Junction<MethodDescription> READ =
      named("read").and(takesArguments(ByteBuffer.class)).and(returns(int.class));
  private static final ElementMatcher.Junction<MethodDescription> POSITIONAL_READ =
      named("read").and(takesArguments(ByteBuffer.class, long.class)).and(returns(int.class));
  private static final ElementMatcher.Junction<MethodDescription> FORCE =
      named("force").and(takesArguments(boolean.class));
  private static final ElementMatcher.Junction<MethodDescription> TRANSFER_TO =
      named("transferTo").and(takesArguments(long.class, long.class, WritableByteChannel.class));

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(
        new HookTarget(java.util.List.of("sun.nio.ch.FileChannelImpl"), WRITE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void extend(Transformations transformations, HookStatus status) {
    CheckpointSync.extend(transformations, status, NAME)
        .on(
            KafkaClasses.FILE_CHANNEL_IMPL_NAME,
            (b, type, loader, module, domain) -> {
              DynamicType.Builder<?> out = b;
              out = advise(out, type, status, WRITE, FileWriteAdvice.class);
              out = advise(out, type, status, GATHERING_WRITE, FileGatheringWriteAdvice.class);
              out = advise(out, type, status, READ, FileReadAdvice.class);
              out = advise(out, type, status, POSITIONAL_READ, FilePositionalReadAdvice.class);
              out = advise(out, type, status, FORCE, FileForceAdvice.class);
              return advise(out, type, status, TRANSFER_TO, FileTransferToAdvice.class);
            });
  }

  private static DynamicType.Builder<?> advise(
      DynamicType.Builder<?> b,
      TypeDescription type,
      HookStatus status,
      ElementMatcher<MethodDescription> methods,
      Class<?> advice) {
    status.placedOn(NAME, type, methods);
    return b.visit(Advice.to(advice).on(methods));
  }

  /** Inlined into {@code FileChannelImpl.force(boolean)}: fsync or fdatasync. */
  static final class FileForceAdvice {
    private FileForceAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.FieldValue("path") String path) {
      return Probe.fileOpStart(Probe.FORCE, path, 0, -1);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.FieldValue("path") String path, @Advice.Enter long start) {
      Probe.fileOpEnd(Probe.FORCE, path, start, 0);
    }
  }

  /** Inlined into {@code FileChannelImpl.write(ByteBuffer[], int, int)}. */
  static final class FileGatheringWriteAdvice {
    private FileGatheringWriteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.FieldValue("path") String path) {
      return Probe.fileOpStart(Probe.WRITE, path, -1, -1);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.FieldValue("path") String path,
        @Advice.Enter long start,
        @Advice.Return long written) {
      Probe.fileOpEnd(Probe.WRITE, path, start, written);
    }
  }

  /** Inlined into {@code FileChannelImpl.read(ByteBuffer, long)}: the TLS fetch path's pread. */
  static final class FilePositionalReadAdvice {
    private FilePositionalReadAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(
        @Advice.FieldValue("path") String path,
        @Advice.Argument(0) ByteBuffer dst,
        @Advice.Argument(1) long position) {
      return Probe.fileOpStart(Probe.READ, path, dst.remaining(), position);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.FieldValue("path") String path, @Advice.Enter long start, @Advice.Return int read) {
      Probe.fileOpEnd(Probe.READ, path, start, Math.max(read, 0));
    }
  }

  /** Inlined into {@code FileChannelImpl.read(ByteBuffer)}. */
  static final class FileReadAdvice {
    private FileReadAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer dst) {
      return Probe.fileOpStart(Probe.READ, path, dst.remaining(), -1);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.FieldValue("path") String path, @Advice.Enter long start, @Advice.Return int read) {
      Probe.fileOpEnd(Probe.READ, path, start, Math.max(read, 0));
    }
  }

  /**
   * Inlined into {@code FileChannelImpl.transferTo(long, long, WritableByteChannel)}: sendfile on
   * Kafka's plaintext fetch path, which JFR does not see at all.
   */
  static final class FileTransferToAdvice {
    private FileTransferToAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(
        @Advice.FieldValue("path") String path,
        @Advice.Argument(0) long position,
        @Advice.Argument(1) long count) {
      return Probe.fileOpStart(Probe.TRANSFER_TO, path, count, position);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.FieldValue("path") String path,
        @Advice.Enter long start,
        @Advice.Return long transferred) {
      Probe.fileOpEnd(Probe.TRANSFER_TO, path, start, Math.max(transferred, 0));
    }
  }

  /**
   * Inlined into {@code FileChannelImpl.write(ByteBuffer)} and {@code write(ByteBuffer, long)}.
   * Like all advice placed in the JDK, it may name only java.base and the boot-path {@link Probe}.
   */
  static final class FileWriteAdvice {
    private FileWriteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer src) {
      return Probe.fileOpStart(Probe.WRITE, path, src.remaining(), -1);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.FieldValue("path") String path,
        @Advice.Enter long start,
        @Advice.Return int written) {
      Probe.fileOpEnd(Probe.WRITE, path, start, written);
    }
  }
}
