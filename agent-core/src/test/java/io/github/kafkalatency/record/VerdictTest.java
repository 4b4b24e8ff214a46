package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final long MS = 1_000_000L;

  @Test
  void aPauseInsideAStallIsNamedButTheDiskIsTheVerdict() {
    Verdict v =
        Verdict.of(
            323 * MS,
            true,
            new JvmPauses.Overlap("GC pause (G1 Young Generation)", 41 * MS, 41 * MS));
    assertEquals(Verdict.Cause.FILE_SYSTEM, v.cause());
    assertEquals(41.0 / 323, v.pauseShare(), 1e-9);
  }

  @Test
  void aPauseCoveringHalfOrMoreIsTheVerdict() {
    assertEquals(
        Verdict.Cause.JVM_PAUSE,
        Verdict.of(100 * MS, true, new JvmPauses.Overlap("safepoint", 80 * MS, 50 * MS)).cause());
    assertEquals(
        Verdict.Cause.FILE_SYSTEM,
        Verdict.of(100 * MS, true, new JvmPauses.Overlap("safepoint", 80 * MS, 49 * MS)).cause());
  }

  @Test
  void aHoldWithoutASlowFileOpIsTheHolders() {
    assertEquals(Verdict.Cause.HOLDER_BUSY, Verdict.of(100 * MS, false, null).cause());
    assertEquals(0.0, Verdict.of(100 * MS, false, null).pauseShare());
  }

  @Test
  void aCascadeIsTheFileSystemsWhenItsWriteTookMostOfTheHold() {
    Cascade c =
        new Cascade(
            "t",
            0,
            Thread.currentThread(),
            "append",
            0,
            300 * MS,
            io.github.kafkalatency.probe.Probe.WRITE,
            "t-0/0.log",
            290 * MS,
            100,
            null,
            3,
            600 * MS,
            250 * MS,
            java.util.List.of("a"),
            0,
            0,
            null,
            new JvmPauses.Overlap("GC pause (G1 Young Generation)", 20 * MS, 20 * MS),
            "/data",
            null,
            null);
    assertEquals(Verdict.Cause.FILE_SYSTEM, c.verdict().cause());
  }
}
