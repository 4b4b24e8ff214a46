package io.github.kafkalatency.instrument;

/**
 * One instrumented site: which classes and methods it matches, on which Kafka and JDK versions, and
 * what it inserts. Hooks match by owner and method name, never by exact descriptor or lambda
 * number, which change between releases (even between 4.0.0 and 4.0.1).
 */
interface Hook {
  /** The name operators see in the start line and in {@code disableHooks}. */
  String name();

  /**
   * The classes and methods it needs: when one is missing from the class path, the hook is "not
   * found".
   */
  java.util.List<HookTarget> targets();

  /** Adds this hook's transformations; reports what it placed to {@code status}. */
  void extend(Transformations transformations, HookStatus status);
}
