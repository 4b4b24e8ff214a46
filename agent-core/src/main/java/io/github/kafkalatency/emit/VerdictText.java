package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.JvmPauses;
import io.github.kafkalatency.record.Verdict;
import io.github.kafkalatency.text.Durations;
import java.util.Locale;

/**
 * A {@link Verdict} in words, the same in summary lines and JFR events: {@code the disk or file
 * system, of which 41ms a GC pause (G1 Young Generation) (13%)}. Pure and thread-safe.
 */
public final class VerdictText {
  private VerdictText() {}

  public static String of(Verdict v) {
    JvmPauses.Overlap p = v.pause();
    if (v.jvmToBlame()) {
      return "the JVM: "
          + Durations.format(p.overlapNanos())
          + " of a "
          + Durations.format(p.pauseNanos())
          + " "
          + p.cause()
          + " covered "
          + percent(v.pauseShare())
          + " of it";
    }
    String text = v.cause().label();
    if (p == null) {
      return text;
    }
    return text
        + ", of which "
        + Durations.format(p.overlapNanos())
        + " a "
        + p.cause()
        + " ("
        + percent(v.pauseShare())
        + ")";
  }

  static String percent(double share) {
    if (share > 0 && share < 0.005) {
      return "<1%"; // a 14 ms pause in a 4 s stall is not "0%"
    }
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
