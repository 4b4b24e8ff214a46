package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRingTest {

  @Test
  void drainsInOrderAndReleasesSubjects() {
    EventRing ring = new EventRing(8);
    for (int i = 0; i < 5; i++) {
      assertTrue(ring.push("s" + i, i, i * 10L, i * 100L));
    }
    List<String> seen = new ArrayList<>();
    assertEquals(5, ring.drain((s, k, v, x) -> seen.add(s + ":" + k + ":" + v + ":" + x)));
    assertEquals(
        List.of("s0:0:0:0", "s1:1:10:100", "s2:2:20:200", "s3:3:30:300", "s4:4:40:400"), seen);
    assertTrue(ring.isEmpty());
  }

  @Test
  void dropsAndCountsWhenFull() {
    EventRing ring = new EventRing(4);
    for (int i = 0; i < 4; i++) {
      assertTrue(ring.push("x", 0, i, 0));
    }
    assertFalse(ring.push("x", 0, 99, 0));
    assertEquals(1, ring.dropped());
    assertEquals(4, ring.drain((s, k, v, x) -> {}));
    assertTrue(ring.push("x", 0, 5, 0));
  }

  @Test
  void oneProducerOneConsumerLoseNothingThatWasAccepted() throws Exception {
    EventRing ring = new EventRing(1024);
    int n = 2_000_000;
    AtomicLong accepted = new AtomicLong();
    Thread producer =
        new Thread(
            () -> {
              long sum = 0;
              for (int i = 1; i <= n; i++) {
                if (ring.push("p", 1, i, -i)) {
                  sum += i;
                }
              }
              accepted.set(sum);
            });
    long[] consumed = new long[2];
    producer.start();
    while (producer.isAlive() || !ring.isEmpty()) {
      ring.drain(
          (s, k, v, x) -> {
            consumed[0] += v;
            if (x != -v) {
              consumed[1]++;
            }
          });
    }
    producer.join();
    ring.drain((s, k, v, x) -> consumed[0] += v);
    assertEquals(accepted.get(), consumed[0]);
    assertEquals(0, consumed[1], "torn events");
  }
}
