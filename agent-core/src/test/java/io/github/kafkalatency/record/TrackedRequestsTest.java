package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackedRequestsTest {
  /** Kafka's request classes have this field; its value picks the slot. */
  static final class FakeRequest {
    final long startTimeNanos;

    FakeRequest(long startTimeNanos) {
      this.startTimeNanos = startTimeNanos;
    }
  }

  private final TrackedRequests tracked = new TrackedRequests();
  private long clock = 1_000_000;

  @Test
  void aRequestIsFoundOnceByItsIdentity() {
    Object request = new FakeRequest(clock);
    ProduceTrace trace = new ProduceTrace(1);
    tracked.put(request, trace);
    assertNull(
        tracked.remove(new FakeRequest(clock)),
        "another request received at the same time is not this one");
    assertSame(trace, tracked.remove(request));
    assertNull(tracked.remove(request), "removed once");
    assertNull(trace.request, "a completed trace keeps no Kafka request");
  }

  @Test
  void requestsThatShareASlotAreBothFound() {
    Object[] pair = twoRequestsInOneSlot();
    ProduceTrace first = new ProduceTrace(1);
    ProduceTrace second = new ProduceTrace(2);
    tracked.put(pair[0], first);
    tracked.put(pair[1], second);
    assertSame(second, tracked.remove(pair[1]));
    assertSame(first, tracked.remove(pair[0]));
  }

  @Test
  void requestsNeverCompletedExpire() {
    Object[] pair = twoRequestsInOneSlot();
    tracked.put(pair[0], new ProduceTrace(10));
    tracked.put(pair[1], new ProduceTrace(10));
    Object recent = new FakeRequest(clock += 977);
    ProduceTrace kept = new ProduceTrace(30);
    tracked.put(recent, kept);
    tracked.expire(20);
    assertNull(tracked.remove(pair[0]));
    assertNull(tracked.remove(pair[1]));
    assertSame(kept, tracked.remove(recent));
  }

  @Test
  void requestsWhoseTimeCannotBeReadAreTrackedToo() {
    Object a = new Object();
    Object b = new Object();
    ProduceTrace ta = new ProduceTrace(1);
    ProduceTrace tb = new ProduceTrace(1);
    tracked.put(a, ta);
    tracked.put(b, tb);
    assertSame(tb, tracked.remove(b));
    assertSame(ta, tracked.remove(a));
  }

  private Object[] twoRequestsInOneSlot() {
    Map<Integer, Object> bySlot = new HashMap<>();
    while (true) {
      Object o = new FakeRequest(clock += 977);
      Object other = bySlot.putIfAbsent(TrackedRequests.slot(o), o);
      if (other != null) {
        return new Object[] {other, o};
      }
    }
  }
}
