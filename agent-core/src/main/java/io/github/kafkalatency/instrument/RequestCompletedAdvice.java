package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined at the exit of the request class's {@code updateRequestMetrics}, run once per completed request. */
final class RequestCompletedAdvice {
  private RequestCompletedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.This Object request) {
    Probe.requestCompleted(request);
  }
}
