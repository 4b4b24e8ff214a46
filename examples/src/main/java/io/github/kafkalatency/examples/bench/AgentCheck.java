package io.github.kafkalatency.examples.bench;

import java.lang.management.ManagementFactory;

/**
 * Makes a benchmark fail rather than report a wrong figure: a fork given {@code -javaagent} must
 * have the agent's probes installed, a fork without it must not, and probes that turned
 * themselves off after a fault (which would make the agent look free) fail the trial.
 *
 * <p>Reads the boot-path {@code io.github.kafkalatency.probe.Probe} reflectively: it exists only
 * in forks that have the agent.
 */
final class AgentCheck {
  private static final String PROBE = "io.github.kafkalatency.probe.Probe";

  private AgentCheck() {}

  static boolean agentRequested() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("kafka-latency-agent"));
  }

  /** At trial start. */
  static void atStart() {
    boolean requested = agentRequested();
    Class<?> probe = probeClass();
    if (requested && (probe == null || !Boolean.TRUE.equals(call(probe, "installed")))) {
      throw new IllegalStateException("-javaagent given but the agent's probes are not installed:"
          + " see the agent's line on stderr above");
    }
    if (!requested && probe != null) {
      throw new IllegalStateException("no -javaagent for this benchmark, yet " + PROBE
          + " is loaded: is the agent in JAVA_TOOL_OPTIONS or on the class path?");
    }
  }

  /** At trial end: the probes must still be on. */
  static void atEnd() {
    if (!agentRequested()) {
      return;
    }
    Object fault = call(probeClass(), "firstFault");
    if (fault != null || !Boolean.TRUE.equals(call(probeClass(), "installed"))) {
      throw new IllegalStateException("the agent's probes turned themselves off during the"
          + " benchmark, so its figure is not the probes' cost: " + fault);
    }
  }

  private static Class<?> probeClass() {
    try {
      return Class.forName(PROBE, false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Object call(Class<?> type, String method) {
    try {
      return type.getMethod(method).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + PROBE + "." + method, e);
    }
  }
}
