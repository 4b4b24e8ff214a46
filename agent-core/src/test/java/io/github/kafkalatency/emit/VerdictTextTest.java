package io.github.kafkalatency.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkalatency.record.JvmPauses;
import io.github.kafkalatency.record.Verdict;
import org.junit.jupiter.api.Test;

class VerdictTextTest {
  private static final long MS = 1_000_000L;

  @Test
  void aMinorPauseIsAShareOfTheDisksStall() {
    JvmPauses.Overlap gc =
        new JvmPauses.Overlap("GC pause (G1 Young Generation)", 41 * MS, 41 * MS);
    assertEquals(
        "the disk or file system, of which 41ms a GC pause (G1 Young Generation) (13%)",
        VerdictText.of(Verdict.of(323 * MS, true, gc)));
  }

  @Test
  void aCoveringPauseIsTheJvms() {
    JvmPauses.Overlap gc = new JvmPauses.Overlap("GC pause (G1 Full)", 400 * MS, 250 * MS);
    assertEquals(
        "the JVM: 250ms of a 400ms GC pause (G1 Full) covered 83% of it",
        VerdictText.of(Verdict.of(300 * MS, true, gc)));
  }

  @Test
  void aPauseUnderOnePercentIsNotZero() {
    JvmPauses.Overlap gc =
        new JvmPauses.Overlap("GC pause (G1 Young Generation)", 14 * MS, 14 * MS);
    assertEquals(
        "the disk or file system, of which 14ms a GC pause (G1 Young Generation) (<1%)",
        VerdictText.of(Verdict.of(4000 * MS, true, gc)));
  }

  @Test
  void noPause() {
    assertEquals("the disk or file system", VerdictText.of(Verdict.of(300 * MS, true, null)));
  }
}
