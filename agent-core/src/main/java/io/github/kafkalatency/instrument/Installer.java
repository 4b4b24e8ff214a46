package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isDefaultFinalizer;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.github.kafkalatency.config.AgentOptions;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;

/**
 * Places the hooks: one transformer for all of them ({@link HookTransformer}), retransforming
 * classes already loaded (the JDK's {@code FileChannelImpl} usually is) and transforming Kafka's as
 * they load.
 *
 * <p>Usage: {@code HookStatus status = Installer.install(instrumentation, options)}, once, from
 * premain. Class formats are never changed (no new fields or methods) except Kafka's log class,
 * which gets one field when it first loads (see {@link LogLockHook}); the JDK's classes, which may
 * be loaded already, keep their shape, so retransforming them is always allowed. A class that fails
 * to transform is reported once and left as it was.
 */
public final class Installer {
  private static final List<Hook> HOOKS =
      List.of(
          new LogAppendHook(),
          new LogLockHook(),
          new PartitionLockHook(),
          new FileChannelHook(),
          new ProduceRequestHook());

  private Installer() {}

  public static HookStatus install(Instrumentation inst, AgentOptions options) {
    HookStatus status = new HookStatus();
    // Byte Buddy's default hides synthetic methods from advice, and scalac marks its closures
    // ($anonfun$...) synthetic: the partition lock's closure would never be advised (seen on 3.9
    // and
    // 4.4, no partition-lock-wait at all). Bridges and lambdas stay hidden.
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .ignore(isSynthetic().and(not(nameStartsWith("$anonfun$"))).or(isDefaultFinalizer()));
    Transformations transformations = new Transformations();
    for (Hook hook : HOOKS) {
      if (options.hookEnabled(hook.name())) {
        status.armed(hook.name(), hook.targets());
        hook.extend(transformations, status);
      } else {
        status.disabled(hook.name());
      }
    }
    // Class formats stay as they are: no auxiliary types, no added initializer.
    new HookTransformer(
            byteBuddy.with(Implementation.Context.Disabled.Factory.INSTANCE), transformations)
        .installOn(inst);
    return status;
  }

  /** Names of every hook, in the order they are placed. */
  public static List<String> hookNames() {
    return HOOKS.stream().map(Hook::name).toList();
  }
}
