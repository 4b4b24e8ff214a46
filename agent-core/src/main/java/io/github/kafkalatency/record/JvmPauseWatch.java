package io.github.kafkalatency.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Feeds {@link JvmPauses} by polling HotSpot's own counters: the total time spent in safepoints
 * (every GC pause is one) and each collector's collection count.
 *
 * <p>Usage: {@code JvmPauseWatch.open(pauses)} once the {@code sun.management} package is exported
 * to the agent (the agent does it through {@code Instrumentation.redefineModule}); then {@link
 * #poll} from the aggregator's tick (10 to 50 ms). When the safepoint total grew by {@value
 * #MIN_PAUSE_MILLIS} ms or more since the last poll, that time is added as one pause ending now,
 * named after the collector whose count moved, else "safepoint". A pause is thus placed within the
 * tick that saw it, not to the nanosecond. The collection counts are read only when the safepoint
 * total moved (every collection pause is a safepoint): a collection too short to move the
 * millisecond total is noticed at the next poll that sees one.
 *
 * <p>Why not a JFR stream of GC and safepoint events: the first JFR stream in a JVM starts JFR
 * itself, which re-instruments the JDK's I/O classes and throws away their compiled code; on a
 * 2-CPU broker that cost ~0.35 s of start-up and, later, recompilation in the middle of the load.
 * Two counter reads per tick cost nothing comparable. Counters come from {@code -XX:+UsePerfData}
 * (the default); without them {@link #open} returns null and pauses are not attributed.
 *
 * <p>Thread-safety: {@link #poll} from one thread.
 */
public final class JvmPauseWatch {
  static final long MIN_PAUSE_MILLIS = 5;

  private final JvmPauses pauses;
  private final MethodHandle totalSafepointMillis;
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final long[] collections;
  private long lastSafepointMillis;

  private JvmPauseWatch(JvmPauses pauses, MethodHandle totalSafepointMillis) throws Throwable {
    this.pauses = pauses;
    this.totalSafepointMillis = totalSafepointMillis;
    this.collections = new long[collectors.size()];
    this.lastSafepointMillis = (long) totalSafepointMillis.invokeExact();
    for (int i = 0; i < collections.length; i++) {
      collections[i] = collectors.get(i).getCollectionCount();
    }
  }

  /** A watch on this JVM's counters, or null when HotSpot's runtime counters cannot be read. */
  public static JvmPauseWatch open(JvmPauses pauses) {
    try {
      Object runtime =
          Class.forName("sun.management.ManagementFactoryHelper")
              .getMethod("getHotspotRuntimeMBean")
              .invoke(null);
      Class<?> api = Class.forName("sun.management.HotspotRuntimeMBean");
      MethodHandle total =
          MethodHandles.lookup()
              .findVirtual(api, "getTotalSafepointTime", MethodType.methodType(long.class))
              .bindTo(runtime);
      return new JvmPauseWatch(pauses, total);
    } catch (Throwable e) {
      return null;
    }
  }

  /** Called every tick: records the safepoint time since the last call if it is long enough. */
  public void poll(long nowNanos) {
    long total;
    try {
      total = (long) totalSafepointMillis.invokeExact();
    } catch (Throwable e) {
      return;
    }
    long millis = total - lastSafepointMillis;
    if (millis == 0) {
      return; // most ticks: no safepoint time since the last one, so no collection count to read
      // either
    }
    lastSafepointMillis = total;
    String cause = null;
    for (int i = 0; i < collections.length; i++) {
      long n = collectors.get(i).getCollectionCount();
      if (n != collections[i] && cause == null) {
        cause = "GC pause (" + collectors.get(i).getName() + ")";
      }
      collections[i] = n;
    }
    if (millis >= MIN_PAUSE_MILLIS) {
      pauses.add(nowNanos - millis * 1_000_000L, nowNanos, cause == null ? "safepoint" : cause);
    }
  }
}
