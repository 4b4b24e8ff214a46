package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FileChannelImpl.write(ByteBuffer)} and {@code write(ByteBuffer, long)}.
 * Like all advice placed in the JDK, it may name only java.base and the boot-path {@link Probe}.
 */
final class FileWriteAdvice {
  private FileWriteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer src) {
    return Probe.fileOpStart(Probe.WRITE, path, src.remaining(), -1);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.FieldValue("path") String path, @Advice.Enter long start,
      @Advice.Return int written) {
    Probe.fileOpEnd(Probe.WRITE, path, start, written);
  }
}
