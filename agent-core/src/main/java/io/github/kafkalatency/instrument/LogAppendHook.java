package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.github.kafkalatency.probe.Probe;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times the private {@code UnifiedLog.append(MemoryRecords, ...)} that every leader, follower and
 * KRaft append goes through, per topic-partition. Its parameters differ in every release line, so
 * it matches the name and the first parameter's simple name only.
 */
final class LogAppendHook implements Hook {
  static final String NAME = "log-append";

  private static final ElementMatcher<MethodDescription> APPEND =
      named("append").and(not(isStatic())).and(takesArgument(0, nameEndsWith(".MemoryRecords")));

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(new HookTarget(KafkaClasses.UNIFIED_LOG_NAMES, APPEND));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void extend(Transformations transformations, HookStatus status) {
    transformations.on(
        KafkaClasses.UNIFIED_LOG_NAMES,
        (b, type, loader, module, domain) -> {
          status.placedOn(NAME, type, APPEND);
          return b.visit(Advice.to(LogAppendAdvice.class).on(APPEND));
        });
  }

  /** Inlined into {@code UnifiedLog.append}: its duration, records and bytes. */
  static final class LogAppendAdvice {
    private LogAppendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return Probe.appendStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
        @Advice.This Object log,
        @Advice.Enter long start,
        @Advice.Return Object info,
        @Advice.Thrown Throwable thrown) {
      Probe.appendEnd(log, start, info, thrown != null);
    }
  }
}
