package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JvmPausesTest {
  @Test
  void findsTheLongestOverlap() {
    JvmPauses p = new JvmPauses();
    p.add(100, 200, "GC pause (young)");
    p.add(150, 400, "safepoint");
    assertNull(p.longestOverlap(401, 500));
    assertEquals("GC pause (young)", p.longestOverlap(0, 160).cause());
    JvmPauses.Overlap o = p.longestOverlap(180, 1000);
    assertEquals("safepoint", o.cause());
    assertEquals(250, o.pauseNanos());
    assertEquals(220, o.overlapNanos());
  }

  @Test
  void keepsOnlyRecentPauses() {
    JvmPauses p = new JvmPauses();
    p.add(0, 10, "old");
    for (int i = 1; i <= 256; i++) {
      p.add(i * 100, i * 100 + 10, "new");
    }
    assertNull(p.longestOverlap(0, 10));
  }
}
