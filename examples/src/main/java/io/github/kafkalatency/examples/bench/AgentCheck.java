package io.github.kafkalatency.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a benchmark fail rather than report a wrong figure: a fork given {@code -javaagent} must
 * have the agent's probes installed, a fork without it must not, and probes that turned themselves
 * off after a fault (which would make the agent look free) fail the trial.
 *
 * <p>Reads the boot-path {@code io.github.kafkalatency.probe.Probe} reflectively (it exists only in
 * forks that have the agent) and relies on as little of it as possible: installed means {@code
 * appendStart()} reads the clock; faults are {@code fault(Part)} for each part, or {@code
 * firstFault()} where the probe has that instead.
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
    if (requested && (probe == null || !installed(probe))) {
      throw new IllegalStateException(
          "-javaagent given but the agent's probes are not installed:"
              + " see the agent's lines on stderr above");
    }
    if (!requested && probe != null) {
      throw new IllegalStateException(
          "no -javaagent for this benchmark, yet "
              + PROBE
              + " is loaded: is the agent in JAVA_TOOL_OPTIONS or on the class path?");
    }
  }

  /** At trial end: the probes must still be on. */
  static void atEnd() {
    if (!agentRequested()) {
      return;
    }
    Class<?> probe = probeClass();
    List<Object> faults = faults(probe);
    if (!faults.isEmpty() || !installed(probe)) {
      throw new IllegalStateException(
          "the agent's probes turned themselves off during the"
              + " benchmark, so its figure is not the probes' cost: "
              + faults);
    }
  }

  private static boolean installed(Class<?> probe) {
    try {
      return (long) probe.getMethod("appendStart").invoke(null) != 0L;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + PROBE + ".appendStart()", e);
    }
  }

  private static List<Object> faults(Class<?> probe) {
    List<Object> faults = new ArrayList<>();
    try {
      for (Method m : probe.getMethods()) {
        if (m.getName().equals("fault")
            && m.getParameterCount() == 1
            && m.getParameterTypes()[0].isEnum()) {
          for (Object part : m.getParameterTypes()[0].getEnumConstants()) {
            Object fault = m.invoke(null, part);
            if (fault != null) {
              faults.add(part + ": " + fault);
            }
          }
        } else if (m.getName().equals("firstFault") && m.getParameterCount() == 0) {
          Object fault = m.invoke(null);
          if (fault != null) {
            faults.add(fault);
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the faults of " + PROBE, e);
    }
    return faults;
  }

  private static Class<?> probeClass() {
    try {
      return Class.forName(PROBE, false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
