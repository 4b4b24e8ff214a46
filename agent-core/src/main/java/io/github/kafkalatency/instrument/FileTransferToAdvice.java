package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code FileChannelImpl.transferTo(long, long, WritableByteChannel)}: sendfile on
 * Kafka's plaintext fetch path, which JFR does not see at all.
 */
final class FileTransferToAdvice {
  private FileTransferToAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) long position,
      @Advice.Argument(1) long count) {
    return Probe.fileOpStart(Probe.TRANSFER_TO, path, count, position);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.FieldValue("path") String path, @Advice.Enter long start,
      @Advice.Return long transferred) {
    Probe.fileOpEnd(Probe.TRANSFER_TO, path, start, Math.max(transferred, 0));
  }
}
