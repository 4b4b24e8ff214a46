package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Follows each produce request from {@code KafkaApis.handleProduceRequest} (where its appends run
 * on the request handler) to the request's {@code updateRequestMetrics} (where the network thread
 * completes it and Kafka computes RequestMetrics), so that a slow request carries Kafka's own
 * breakdown plus its appends' lock waits and writes. Other requests cost one map lookup at
 * completion.
 */
final class ProduceRequestHook implements Hook {
  static final String NAME = "produce-request";

  private static final ElementMatcher<MethodDescription> HANDLE =
      named("handleProduceRequest").and(not(isStatic()));
  private static final ElementMatcher<MethodDescription> COMPLETE =
      named("updateRequestMetrics").and(not(isStatic()));

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(
        new HookTarget(java.util.List.of("kafka.server.KafkaApis"), HANDLE),
        new HookTarget(KafkaClasses.REQUEST_NAMES, COMPLETE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void extend(Transformations transformations, HookStatus status) {
    transformations
        .on(
            KafkaClasses.KAFKA_APIS_NAME,
            (b, type, loader, module, domain) -> {
              status.placedOn(NAME, type, HANDLE);
              return b.visit(Advice.to(ProduceRequestStartAdvice.class).on(HANDLE));
            })
        .on(
            KafkaClasses.REQUEST_NAMES,
            (b, type, loader, module, domain) -> {
              status.placedOn(NAME, type, COMPLETE);
              return b.visit(Advice.to(RequestCompletedAdvice.class).on(COMPLETE));
            });
  }

  /** Inlined into {@code KafkaApis.handleProduceRequest(request, requestLocal)}. */
  static final class ProduceRequestStartAdvice {
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

  /**
   * Inlined at the exit of the request class's {@code updateRequestMetrics}, run once per completed
   * request.
   */
  static final class RequestCompletedAdvice {
    private RequestCompletedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object request) {
      Probe.requestCompleted(request);
    }
  }
}
