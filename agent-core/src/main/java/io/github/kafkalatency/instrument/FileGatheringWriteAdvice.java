package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code FileChannelImpl.write(ByteBuffer[], int, int)}. */
final class FileGatheringWriteAdvice {
  private FileGatheringWriteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter(@Advice.FieldValue("path") String path) {
    return Probe.fileOpStart(Probe.WRITE, path, -1, -1);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.FieldValue("path") String path, @Advice.Enter long start,
      @Advice.Return long written) {
    Probe.fileOpEnd(Probe.WRITE, path, start, written);
  }
}
