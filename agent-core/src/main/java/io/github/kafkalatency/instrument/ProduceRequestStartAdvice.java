package io.github.kafkalatency.instrument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code KafkaApis.handleProduceRequest(request, requestLocal)}. */
final class ProduceRequestStartAdvice {
  private ProduceRequestStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) Object request) {
    Probe.produceRequestStart(request);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit() {
    Probe.produceRequestEnd();
  }
}
