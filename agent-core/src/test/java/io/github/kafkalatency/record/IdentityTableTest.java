package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityTableTest {

  private static final class SameHash {
    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SameHash;
    }
  }

  @Test
  void looksUpByIdentityNotEquals() {
    IdentityTable<String> t = new IdentityTable<>();
    SameHash a = new SameHash();
    SameHash b = new SameHash();
    t.put(a, "a");
    t.put(b, "b");
    assertEquals("a", t.get(a));
    assertEquals("b", t.get(b));
    assertNull(t.get(new SameHash()));
  }

  @Test
  void growsAndRemoves() {
    IdentityTable<Integer> t = new IdentityTable<>();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Object k = new Object();
      keys.add(k);
      t.put(k, i);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(i, t.get(keys.get(i)));
    }
    assertEquals(5_000, t.removeIf(v -> v % 2 == 0));
    assertNull(t.get(keys.get(0)));
    assertEquals(1, t.get(keys.get(1)));
  }

  @Test
  void doesNotKeepKeysAlive() throws Exception {
    IdentityTable<String> t = new IdentityTable<>();
    for (int i = 0; i < 1_000; i++) {
      t.put(new Object(), "gone");
    }
    Object kept = new Object();
    t.put(kept, "kept");
    int remaining = 1_001;
    for (int attempt = 0; attempt < 50 && remaining > 1; attempt++) {
      System.gc();
      Thread.sleep(20);
      remaining = t.removeIf(v -> false);
    }
    assertEquals(1, remaining);
    assertEquals("kept", t.get(kept));
  }
}
