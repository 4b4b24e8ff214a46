package io.github.kafkalatency.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Which hooks are armed, which find their targets on this broker's class path, which are disabled,
 * and where each was placed as classes loaded.
 *
 * <p>Usage: hooks call {@link #placed} once per instrumented method or monitor; the agent logs
 * {@link #describe()} once at start and again only if the set of hooks not found changes. A hook is
 * "not found" when its class or method is missing from the class path (checked without loading any
 * class); found but not yet placed only means the class has not been loaded yet (Kafka loads {@code
 * Partition} with the first topic, for example). Thread-safe.
 */
public final class HookStatus {
  private final Map<String, List<HookTarget>> armed = new LinkedHashMap<>();
  private final List<String> disabled = new ArrayList<>();
  private final Map<String, Map<String, Set<String>>> placed = new LinkedHashMap<>();

  synchronized void armed(String hook, List<HookTarget> targets) {
    armed.put(hook, targets);
  }

  synchronized void disabled(String hook) {
    disabled.add(hook);
  }

  /**
   * {@code site} names the method or monitor within {@code target}; re-transformations are counted
   * once.
   */
  /** Every method of {@code type} that {@code methods} matches, as a site of {@code hook}. */
  void placedOn(
      String hook,
      TypeDescription type,
      net.bytebuddy.matcher.ElementMatcher<
              ? super net.bytebuddy.description.method.MethodDescription>
          methods) {
    type.getDeclaredMethods()
        .filter(methods)
        .forEach(m -> placed(hook, type.getSimpleName(), m.getInternalName() + m.getDescriptor()));
  }

  synchronized void placed(String hook, String target, String site) {
    placed
        .computeIfAbsent(hook, h -> new LinkedHashMap<>())
        .computeIfAbsent(target, t -> new HashSet<>())
        .add(site);
  }

  public synchronized List<String> armed() {
    return new ArrayList<>(armed.keySet());
  }

  public synchronized boolean isPlaced(String hook) {
    return placed.containsKey(hook);
  }

  /** Hooks whose class or method is missing from the broker's class path, in arming order. */
  public synchronized List<String> notFound() {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());
    List<String> missing = new ArrayList<>();
    armed.forEach(
        (hook, targets) -> {
          if (!placed.containsKey(hook) && !targets.stream().allMatch(t -> t.presentIn(pool))) {
            missing.add(hook);
          }
        });
    return missing;
  }

  /**
   * {@code log-append Log x1, log-lock Log x34, ...}: where hooks were placed so far, or "" before
   * any.
   */
  public synchronized String placedSummary() {
    List<String> sites = new ArrayList<>();
    placed.forEach(
        (hook, where) -> where.forEach((t, s) -> sites.add(hook + " " + t + " x" + s.size())));
    return String.join(", ", sites);
  }

  /**
   * {@code hooks found: log-append, ... (placed so far: log-lock UnifiedLog x41, ...); not found:
   * none; disabled: none}.
   */
  public synchronized String describe() {
    List<String> missing = notFound();
    List<String> found = new ArrayList<>(armed.keySet());
    found.removeAll(missing);
    String sites = placedSummary();
    return "hooks found: "
        + (found.isEmpty() ? "none" : String.join(", ", found))
        + (sites.isEmpty() ? "" : " (placed so far: " + sites + ")")
        + "; not found: "
        + (missing.isEmpty() ? "none" : String.join(", ", missing))
        + "; disabled: "
        + (disabled.isEmpty() ? "none" : String.join(", ", disabled));
  }
}
