package io.github.kafkalatency.instrument;

import io.github.kafkalatency.record.AgentFaults;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's one class file transformer: a class whose name no hook asked for costs one hash
 * lookup; a class a hook asked for is decorated by Byte Buddy with that hook's visitors.
 *
 * <p>Usage: {@code new HookTransformer(byteBuddy, transformations).installOn(inst)}, once. The JVM
 * may call {@link #transform} from any thread at once; it keeps no state between calls.
 *
 * <p>Why not Byte Buddy's {@code AgentBuilder}: every class the broker loads (about 7,000 before
 * "Kafka Server started") went through its matching machinery, hot enough to have 800 of Byte
 * Buddy's methods compiled during start-up, and the builder generates a class of its own at install
 * to receive the class's module. The hooks only need their classes by exact name and decorate them
 * as written, so the builder's generality was all cost.
 */
final class HookTransformer implements ClassFileTransformer {
  private final ByteBuddy byteBuddy;
  private final Map<String, List<AgentBuilder.Transformer>> byInternalName;

  HookTransformer(ByteBuddy byteBuddy, Transformations transformations) {
    this.byteBuddy = byteBuddy;
    this.byInternalName = transformations.byInternalName();
  }

  /** Transforms the classes as they load, and retransforms those already loaded, one by one. */
  void installOn(Instrumentation inst) {
    inst.addTransformer(this, true);
    for (Class<?> loaded : inst.getAllLoadedClasses()) {
      if (byInternalName.containsKey(loaded.getName().replace('.', '/'))
          && inst.isModifiableClass(loaded)) {
        try {
          inst.retransformClasses(loaded);
        } catch (Throwable e) {
          AgentFaults.report("instrumenting " + loaded.getName(), e);
        }
      }
    }
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> beingRedefined,
      ProtectionDomain domain,
      byte[] classFile) {
    List<AgentBuilder.Transformer> transformers =
        internalName == null ? null : byInternalName.get(internalName);
    if (transformers == null) {
      return null;
    }
    String name = internalName.replace('/', '.');
    try {
      ClassFileLocator locator =
          new ClassFileLocator.Compound(
              ClassFileLocator.Simple.of(name, classFile),
              loader == null
                  ? ClassFileLocator.ForClassLoader.ofBootLoader()
                  : ClassFileLocator.ForClassLoader.of(loader));
      TypePool pool = TypePool.Default.of(locator);
      TypeDescription type = pool.describe(name).resolve();
      DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
      for (AgentBuilder.Transformer t : transformers) {
        builder = t.transform(builder, type, loader, null, domain);
      }
      return builder.make(pool).getBytes();
    } catch (Throwable e) {
      AgentFaults.report("instrumenting " + name, e);
      return null;
    }
  }
}
