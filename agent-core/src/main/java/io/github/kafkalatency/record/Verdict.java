package io.github.kafkalatency.record;

/**
 * What an incident (a stall, or a cascade's root hold) is blamed on, from what was measured: a JVM
 * pause only when it covers at least {@link #JVM_SHARE} of the incident; otherwise the file system
 * (a slow write or fsync was measured inside it), with any pause named as a share of it.
 *
 * <p>Usage: {@code Verdict.of(incidentNanos, slowFileOp, pauses.longestOverlap(from, to))}.
 * Immutable.
 */
public record Verdict(Cause cause, long incidentNanos, JvmPauses.Overlap pause) {
  /** The share of an incident a pause must cover to be its cause. */
  public static final double JVM_SHARE = 0.5;

  public enum Cause {
    /** A GC pause or safepoint covered most of it. */
    JVM_PAUSE("the JVM"),
    /** A file operation was measured slow inside it and no pause covered most of it. */
    FILE_SYSTEM("the disk or file system"),
    /**
     * The lock was held long with no slow file operation inside and no pause covering most of it.
     */
    HOLDER_BUSY("the holder, busy outside file I/O");

    private final String label;

    Cause(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static Verdict of(long incidentNanos, boolean slowFileOp, JvmPauses.Overlap pause) {
    Cause cause;
    if (pause != null && pause.overlapNanos() >= JVM_SHARE * incidentNanos) {
      cause = Cause.JVM_PAUSE;
    } else {
      cause = slowFileOp ? Cause.FILE_SYSTEM : Cause.HOLDER_BUSY;
    }
    return new Verdict(cause, incidentNanos, pause);
  }

  /** The share of the incident the overlapping pause covers, 0 to 1; 0 without a pause. */
  public double pauseShare() {
    if (pause == null || incidentNanos <= 0) {
      return 0;
    }
    return Math.min(1.0, (double) pause.overlapNanos() / incidentNanos);
  }

  public boolean jvmToBlame() {
    return cause == Cause.JVM_PAUSE;
  }
}
