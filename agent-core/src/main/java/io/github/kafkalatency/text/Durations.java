package io.github.kafkalatency.text;

import java.util.Locale;

/**
 * Formats nanoseconds for people: {@code 850ns}, {@code 85us}, {@code 1.2ms}, {@code 310ms}, {@code
 * 3.1s}.
 */
public final class Durations {
  private Durations() {}

  public static String format(long nanos) {
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return nanos / 1_000 + "us";
    }
    if (nanos < 10_000_000) {
      return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
    if (nanos < 1_000_000_000) {
      return nanos / 1_000_000 + "ms";
    }
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }
}
