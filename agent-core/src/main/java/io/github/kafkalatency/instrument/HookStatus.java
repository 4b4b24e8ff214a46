package io.github.kafkalatency.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which hooks are armed, and where each was placed as classes loaded.
 *
 * <p>Usage: hooks call {@link #placed} once per instrumented method or monitor; the agent logs
 * {@link #describe()} when it changes. A hook armed but never placed means its class has not
 * loaded yet or has no such method in this Kafka or JDK version: the other hooks keep working.
 * Thread-safe.
 */
public final class HookStatus {
  private final List<String> armed = new ArrayList<>();
  private final Map<String, Map<String, Set<String>>> placed = new LinkedHashMap<>();
  private int version;

  synchronized void armed(String hook) {
    armed.add(hook);
  }

  /** {@code site} names the method or monitor within {@code target}; re-transformations are counted once. */
  synchronized void placed(String hook, String target, String site) {
    if (placed.computeIfAbsent(hook, h -> new LinkedHashMap<>())
        .computeIfAbsent(target, t -> new HashSet<>()).add(site)) {
      version++;
    }
  }

  public synchronized List<String> armed() {
    return new ArrayList<>(armed);
  }

  public synchronized boolean isPlaced(String hook) {
    return placed.containsKey(hook);
  }

  /** Changes whenever a hook is placed somewhere new. */
  public synchronized int version() {
    return version;
  }

  /** {@code hooks placed: log-lock (UnifiedLog x41), ...; not placed: partition-lock}: sites per class. */
  public synchronized String describe() {
    StringBuilder b = new StringBuilder("hooks placed: ");
    List<String> missing = new ArrayList<>();
    String sep = "";
    for (String hook : armed) {
      Map<String, Set<String>> where = placed.get(hook);
      if (where == null) {
        missing.add(hook);
        continue;
      }
      List<String> targets = new ArrayList<>();
      where.forEach((t, sites) -> targets.add(t + " x" + sites.size()));
      b.append(sep).append(hook).append(" (").append(String.join(", ", targets)).append(')');
      sep = ", ";
    }
    if (sep.isEmpty()) {
      b.append("none");
    }
    b.append("; not placed: ").append(missing.isEmpty() ? "none" : String.join(", ", missing));
    return b.toString();
  }
}
