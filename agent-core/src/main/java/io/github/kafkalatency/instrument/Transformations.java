package io.github.kafkalatency.instrument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * What the hooks do to which classes, by exact class name: collected from every armed hook before
 * {@link HookTransformer} is installed. Not thread-safe; filled once, in premain, then read only.
 */
final class Transformations {
  private final Map<String, List<AgentBuilder.Transformer>> byInternalName = new HashMap<>();

  /** Applies {@code transformer} to each class of {@code classNames}, after those added before. */
  Transformations on(Collection<String> classNames, AgentBuilder.Transformer transformer) {
    for (String name : classNames) {
      byInternalName
          .computeIfAbsent(name.replace('.', '/'), n -> new ArrayList<>())
          .add(transformer);
    }
    return this;
  }

  Transformations on(String className, AgentBuilder.Transformer transformer) {
    return on(List.of(className), transformer);
  }

  Map<String, List<AgentBuilder.Transformer>> byInternalName() {
    return Map.copyOf(byInternalName);
  }
}
