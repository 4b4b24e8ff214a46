package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;
import java.util.Locale;

/**
 * The remedy rules: each looks at one incident, its verdict, where in the kernel its threads waited
 * and the broker's facts, and gives a {@link Hint} only when every fact it needs was measured or
 * read; otherwise none.
 *
 * <ul>
 *   <li>{@code jvm-pause}: the verdict is the JVM → GC and safepoint settings.
 *   <li>{@code fs-frozen}: the writers waited on the file system's freeze barrier → find what froze
 *       it.
 *   <li>{@code ext4-journal}: writers on ext4 in {@code data=ordered} mode seen waiting on the
 *       journal (a stall of several partitions, or one cascade's write) → {@code data=writeback},
 *       {@code fast_commit} or XFS, as Allegro measured.
 *   <li>{@code xfs-cold-read}: a write on XFS held up by another thread's read or transferTo of the
 *       same segment → a smaller {@code log.segment.bytes}, as LINE did.
 *   <li>{@code fsync-under-lock}: a slow fsync inside the log lock on Kafka before 3.7 →
 *       KAFKA-15046.
 * </ul>
 *
 * <p>Thread-safety: immutable; called on the aggregator thread.
 */
public final class Hints {
  private final BrokerFacts facts;

  public Hints(BrokerFacts facts) {
    this.facts = facts;
  }

  Hint forStall(Stall s) {
    Verdict v = s.verdict();
    if (v.jvmToBlame()) {
      return jvm(v, "the " + ms(s.durationNanos()) + " stall of " + s.logDir());
    }
    MountInfo.Mount m = facts.mountOf(s.logDir());
    String what =
        s.partitions().size()
            + " partitions of "
            + s.logDir()
            + " stuck together for "
            + ms(s.durationNanos())
            + " ("
            + s.operations()
            + " slow writes/fsyncs)";
    Hint frozen = frozen(m, s.kernelSite(), what);
    if (frozen != null || m == null || !m.fsType().equals("ext4")) {
      return frozen;
    }
    // Only writers seen waiting on the journal: one not seen (running, or preempted on a busy
    // machine) or waiting elsewhere (a page read from a slow device, say) is no evidence of it.
    return isJournal(s.kernelSite()) ? ext4Journal(m, s.kernelSite(), what) : null;
  }

  Hint forCascade(Cascade c) {
    Verdict v = c.verdict();
    if (v.jvmToBlame()) {
      return jvm(v, "the " + ms(c.holdNanos()) + " log-lock hold of " + c.partitionName());
    }
    if (v.cause() != Verdict.Cause.FILE_SYSTEM) {
      return null;
    }
    MountInfo.Mount m = facts.mountOf(c.logDir());
    String what =
        c.opLabel()
            + " of "
            + c.opFile()
            + " took "
            + ms(c.opNanos())
            + " inside a "
            + ms(c.holdNanos())
            + " hold of its log lock, "
            + c.waiters()
            + " waiting";
    Hint frozen = frozen(m, c.kernelSite(), what);
    if (frozen != null) {
      return frozen;
    }
    Hint underLock = underLock(m, c.opKind(), c.logDir(), c.overlap(), c.kernelSite(), what);
    if (underLock != null) {
      return underLock;
    }
    if (c.opKind() == Probe.WRITE
        && m != null
        && m.fsType().equals("ext4")
        && isJournal(c.kernelSite())) {
      return ext4Journal(m, c.kernelSite(), what);
    }
    return null;
  }

  /**
   * For one slow write or fsync done under a log lock, whether or not anyone queued behind it (a
   * network thread stuck in the same cold transfer may hold the very requests that would have).
   * Called on the thread that did it, off the lock, for slow operations only.
   */
  public Hint forFileOp(
      String logDir,
      String file,
      int op,
      long nanos,
      boolean underLogLock,
      IoOverlap overlap,
      String kernelSite) {
    if (!underLogLock || (op != Probe.WRITE && op != Probe.FORCE)) {
      return null;
    }
    String what =
        Metric.ofFileOp(op).label() + " of " + file + " took " + ms(nanos) + " under its log lock";
    MountInfo.Mount m = facts.mountOf(logDir);
    Hint frozen = frozen(m, kernelSite, what);
    return frozen != null ? frozen : underLock(m, op, logDir, overlap, kernelSite, what);
  }

  private Hint underLock(
      MountInfo.Mount m, int op, String logDir, IoOverlap o, String kernelSite, String what) {
    if (op == Probe.WRITE && o != null && m != null && m.fsType().equals("xfs")) {
      return new Hint(
          "xfs-cold-read",
          "use a smaller log.segment.bytes (now "
              + facts.segmentBytes()
              + "; a topic's segment.bytes overrides it), so that catch-up reads of cold data go to"
              + " older, closed segments instead of the one being appended to (LINE's fix for XFS's"
              + " inode lock)",
          what
              + "; "
              + logDir
              + " is xfs on "
              + m.device()
              + "; meanwhile "
              + o.thread().getName()
              + " did "
              + Metric.ofFileOp(o.op()).label()
              + " of "
              + o.bytes()
              + " bytes at position "
              + o.position()
              + " of the same file, overlapping "
              + ms(o.overlapNanos())
              + site(kernelSite));
    }
    if (op == Probe.FORCE && facts.kafkaBefore(3, 7)) {
      return new Hint(
          "fsync-under-lock",
          "upgrade to Kafka 3.7 or later, which no longer fsyncs"
              + " while holding the log lock (KAFKA-15046)",
          what
              + "; Kafka "
              + facts.kafkaVersion()
              + (facts.flushSettings().isEmpty() ? "" : "; " + facts.flushSettings())
              + site(kernelSite));
    }
    return null;
  }

  private static Hint jvm(Verdict v, String what) {
    JvmPauses.Overlap p = v.pause();
    return new Hint(
        "jvm-pause",
        "look at GC and safepoints, not the disk: the GC log"
            + " (-Xlog:gc*,safepoint), heap and young-generation sizing, -XX:MaxGCPauseMillis",
        "a "
            + ms(p.pauseNanos())
            + " "
            + p.cause()
            + " covered "
            + percent(v.pauseShare())
            + " of "
            + what);
  }

  private static Hint frozen(MountInfo.Mount m, String kernelSite, String what) {
    if (kernelSite == null
        || !(kernelSite.contains("percpu_rwsem")
            || kernelSite.contains("sb_start_write")
            || kernelSite.contains("freeze"))) {
      return null;
    }
    return new Hint(
        "fs-frozen",
        "find what froze the file system (fsfreeze, an LVM or cloud-disk snapshot, a backup agent):"
            + " the writers waited on its freeze barrier, not on the journal or the device, so"
            + " mount options would not help",
        what
            + "; writers waited in the kernel at "
            + kernelSite
            + (m == null ? "" : "; " + m.fsType() + " on " + m.device()));
  }

  private static Hint ext4Journal(MountInfo.Mount m, String kernelSite, String what) {
    String data = m.option("data");
    if (data != null && !data.equals("ordered")) {
      return null;
    }
    if (m.hasFlag("fast_commit")) {
      return null;
    }
    String mode =
        data == null
            ? "data=ordered (ext4's default: mountinfo lists no data= option)"
            : "data=ordered";
    return new Hint(
        "ext4-journal",
        "mount the log dir's ext4 with data=writeback, or with fast_commit (Linux 5.10+), or move"
            + " it to XFS: a journal commit in data=ordered mode stalls writes device-wide"
            + " (Allegro: produce p999 3 s to 800 ms with data=writeback, to 500 ms with"
            + " fast_commit; XFS: 82% fewer requests over their SLO)",
        what
            + "; ext4 on "
            + m.device()
            + " mounted "
            + m.options()
            + ", "
            + mode
            + site(kernelSite));
  }

  static boolean isJournal(String kernelSite) {
    return kernelSite != null
        && (kernelSite.contains("jbd2")
            || kernelSite.contains("wait_transaction")
            || kernelSite.contains("journal"));
  }

  private static String site(String kernelSite) {
    return kernelSite == null ? "" : "; kernel wait site " + kernelSite;
  }

  static String ms(long nanos) {
    return nanos >= 10_000_000L
        ? nanos / 1_000_000L + " ms"
        : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
