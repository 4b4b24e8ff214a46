package io.github.kafkalatency.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Percentage;
import jdk.jfr.Timespan;

/**
 * The diagnosis a cascade and a stall both carry: the JVM pause that overlapped, the verdict, the
 * kernel wait site and the hint. Abstract, so JFR registers only its subclasses, which inherit
 * these fields by name.
 */
abstract class DiagnosedEvent extends jdk.jfr.Event {
  @Label("JVM Pause")
  @Description(
      "The GC pause or safepoint that overlapped this the longest; the cause only when the verdict"
          + " says so")
  String jvmPause;

  @Label("JVM Pause Overlap")
  @Timespan(Timespan.NANOSECONDS)
  long jvmPauseOverlap;

  @Label("JVM Pause Share")
  @Description("The share of this the JVM pause covered; 0.5 or more makes the JVM the verdict")
  @Percentage
  double jvmPauseShare;

  @Label("Verdict")
  @Description(
      "What this is blamed on and why: the disk or file system, the JVM (a pause covering at least"
          + " half of it) or the holder; a pause covering less is named with its share")
  String verdict;

  @Label("Kernel Wait Site")
  @Description(
      "Where in the kernel the stuck thread waited, read from /proc/self/task/<tid>/wchan (and the"
          + " top of its stack when readable, as root) while the operation ran; empty if not read")
  String kernelWaitSite;

  @Label("Hint")
  @Description(
      "A remedy and the measured facts that triggered it; empty when no rule's evidence was met")
  String hint;
}
