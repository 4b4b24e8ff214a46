package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code FileChannelImpl.force(boolean)}: fsync or fdatasync. */
final class FileForceAdvice {
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
