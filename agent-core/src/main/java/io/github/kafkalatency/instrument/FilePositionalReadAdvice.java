package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code FileChannelImpl.read(ByteBuffer, long)}: the TLS fetch path's pread. */
final class FilePositionalReadAdvice {
  private FilePositionalReadAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer dst,
      @Advice.Argument(1) long position) {
    return Probe.fileOpStart(Probe.READ, path, dst.remaining(), position);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.FieldValue("path") String path, @Advice.Enter long start,
      @Advice.Return int read) {
    Probe.fileOpEnd(Probe.READ, path, start, Math.max(read, 0));
  }
}
