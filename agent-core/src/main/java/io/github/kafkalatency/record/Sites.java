package io.github.kafkalatency.record;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Names of the instrumented places that enter a log lock, such as {@code append} or {@code roll},
 * numbered so that inserted bytecode passes a constant int instead of a string.
 *
 * <p>Usage: the instrumentation calls {@link #register} while transforming; events and summaries
 * call {@link #name}. Thread-safe.
 */
public final class Sites {
  private static final CopyOnWriteArrayList<String> NAMES = new CopyOnWriteArrayList<>();

  private Sites() {}

  /** Registers a site and returns its number; the same name always gets the same number. */
  public static synchronized int register(String name) {
    int i = NAMES.indexOf(name);
    if (i >= 0) {
      return i;
    }
    NAMES.add(name);
    return NAMES.size() - 1;
  }

  public static String name(int site) {
    return site >= 0 && site < NAMES.size() ? NAMES.get(site) : "unknown";
  }

  /**
   * A readable site name from a method name: {@code $anonfun$flush$2} and {@code lambda$flush$48}
   * both become {@code flush}, so sites compare across Kafka versions.
   */
  public static String fromMethodName(String method) {
    String m = method;
    if (m.startsWith("$anonfun$")) {
      m = m.substring("$anonfun$".length());
    } else if (m.startsWith("lambda$")) {
      m = m.substring("lambda$".length());
    }
    int dollar = m.indexOf('$');
    return dollar > 0 ? m.substring(0, dollar) : m;
  }
}
