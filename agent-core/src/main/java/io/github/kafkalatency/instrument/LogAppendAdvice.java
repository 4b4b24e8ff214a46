package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code UnifiedLog.append}: its duration, records and bytes. */
final class LogAppendAdvice {
  private LogAppendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter() {
    return Probe.appendStart();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.This Object log, @Advice.Enter long start,
      @Advice.Return Object info, @Advice.Thrown Throwable thrown) {
    Probe.appendEnd(log, start, info, thrown != null);
  }
}
