package io.github.kafkalatency.report;

import java.util.Locale;

/**
 * Formats byte counts for people: {@code 850B}, {@code 1.1KB}, {@code 3.2MB} (powers of 1024).
 *
 * <p>Usage: {@code Sizes.format(bytes)}.
 */
final class Sizes {
  private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

  private Sizes() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    double v = bytes;
    int unit = -1;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f%s" : "%.0f%s", v, UNITS[unit]);
  }
}
