package io.github.kafkalatency.bootstrap;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * The agent's entry point: {@code -javaagent:kafka-latency-agent.jar[=key=value,...]}, and the
 * jar's main class.
 *
 * <p>The one class a JVM loads from the jar before anything else, so it is compiled for Java 8
 * (class file 52): a premain class newer than the JVM aborts the JVM, and with it the broker. On a
 * JVM older than 17 it prints one line and returns, and the broker starts without the agent; on 17+
 * it hands over to {@link AgentLauncher}. It uses only Java 8 API and references the rest of the
 * agent by name only.
 */
public final class AgentMain {
  static final int REQUIRED_JAVA = 17;
  private static final String LAUNCHER = "io.github.kafkalatency.bootstrap.AgentLauncher";

  private AgentMain() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void main(String[] args) throws Exception {
    String refusal = refusal(System.getProperty("java.specification.version"));
    if (refusal != null) {
      System.err.println(refusal);
      System.exit(2);
    }
    try {
      launcher("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  private static void start(String args, Instrumentation inst, boolean atLaunch) {
    try {
      String refusal = refusal(System.getProperty("java.specification.version"));
      if (refusal != null) {
        System.err.println(refusal);
        return;
      }
      launcher("start", String.class, Instrumentation.class, boolean.class)
          .invoke(null, args, inst, atLaunch);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println("kafka-latency-agent: disabled: could not start: " + cause);
    }
  }

  private static java.lang.reflect.Method launcher(String name, Class<?>... parameters)
      throws Exception {
    java.lang.reflect.Method m = Class.forName(LAUNCHER).getDeclaredMethod(name, parameters);
    m.setAccessible(true);
    return m;
  }

  /**
   * The line to print when a JVM of this {@code java.specification.version} ("1.8", "11", "17")
   * cannot run the agent, or null when it can. A version it cannot read is let through: the
   * launcher's own load then fails with an error that {@link #start} reports in one line.
   */
  static String refusal(String specificationVersion) {
    int feature = feature(specificationVersion);
    if (feature < 0 || feature >= REQUIRED_JAVA) {
      return null;
    }
    return "kafka-latency-agent: needs Java "
        + REQUIRED_JAVA
        + ", this broker runs "
        + feature
        + "; the agent is off";
  }

  /** 8 for "1.8", 11 for "11"; -1 when unreadable. */
  static int feature(String specificationVersion) {
    if (specificationVersion == null) {
      return -1;
    }
    String v =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
