package io.github.kafkalatency.record;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where a failing part of the agent says so, once per part, without a stack trace in the broker's
 * log. The reporting stage installs the output; until then faults go to stderr.
 *
 * <p>Thread-safe.
 */
public final class AgentFaults {
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
  private static volatile BiConsumer<String, Throwable> out =
      (part, e) -> System.err.println("kafka-latency-agent: " + part + " failed and is off: " + e);

  private AgentFaults() {}

  public static void output(BiConsumer<String, Throwable> newOut) {
    out = newOut;
  }

  public static void report(String part, Throwable e) {
    if (REPORTED.add(part)) {
      out.accept(part, e);
    }
  }
}
