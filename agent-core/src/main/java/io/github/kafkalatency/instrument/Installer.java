package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isDefaultFinalizer;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.github.kafkalatency.config.AgentOptions;
import io.github.kafkalatency.record.AgentFaults;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Places the hooks: one Byte Buddy transformer for all of them, retransforming classes already
 * loaded (the JDK's {@code FileChannelImpl} usually is) and transforming Kafka's as they load.
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
    AgentBuilder builder =
        newAgentBuilder(byteBuddy)
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new ErrorsOnce())
            // The default ignores the boot loader's classes; FileChannelImpl is one of them.
            .ignore(nameStartsWith("io.github.kafkalatency.").or(nameStartsWith("net.bytebuddy.")));
    for (Hook hook : HOOKS) {
      if (options.hookEnabled(hook.name())) {
        status.armed(hook.name(), hook.targets());
        builder = hook.extend(builder, status);
      } else {
        status.disabled(hook.name());
      }
    }
    builder.installOn(inst);
    return status;
  }

  /**
   * Every hook is an ASM visitor over the class as written, so the builder only decorates: Byte
   * Buddy builds no method graph of the class and its super types. Nexus is disabled while the
   * builder is made: the default initialization strategy would otherwise inject Byte Buddy's Nexus
   * class into the system class loader (170 ms of the broker's main thread on a 2-core machine),
   * only to be replaced by {@code disableClassFormatChanges()} right away. The property is put back
   * as it was; the decision is taken once, when Byte Buddy's accessor initializes.
   */
  private static AgentBuilder newAgentBuilder(ByteBuddy byteBuddy) {
    String before = System.getProperty(Nexus.PROPERTY);
    System.setProperty(Nexus.PROPERTY, "true");
    try {
      return new AgentBuilder.Default(byteBuddy)
          .with(AgentBuilder.TypeStrategy.Default.DECORATE)
          .disableClassFormatChanges();
    } finally {
      if (before == null) {
        System.clearProperty(Nexus.PROPERTY);
      } else {
        System.setProperty(Nexus.PROPERTY, before);
      }
    }
  }

  /** Names of every hook, in the order they are placed. */
  public static List<String> hookNames() {
    return HOOKS.stream().map(Hook::name).toList();
  }

  private static final class ErrorsOnce extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      AgentFaults.report("instrumenting " + typeName, throwable);
    }

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      // placements are counted by the hooks themselves
    }
  }
}
