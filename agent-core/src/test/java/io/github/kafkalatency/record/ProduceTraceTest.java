package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProduceTraceTest {
  private static ProduceTrace complete(
      long lockWait,
      long write,
      long start,
      long dequeue,
      long local,
      long response,
      long responseDequeue,
      long end) {
    ProduceTrace t = new ProduceTrace(start);
    t.lockWaitNanos = lockWait;
    t.writeNanos = write;
    t.complete(start, dequeue, local, response, responseDequeue, 0, end);
    return t;
  }

  @Test
  void breakdownFollowsRequestMetrics() {
    ProduceTrace t = complete(0, 0, 100, 130, 180, 300, 310, 325);
    assertEquals(225, t.totalNanos());
    assertEquals(30, t.queueNanos());
    assertEquals(50, t.localNanos());
    assertEquals(120, t.remoteNanos());
    assertEquals(10, t.responseQueueNanos());
    assertEquals(15, t.responseSendNanos());
    assertEquals(ProduceTrace.Cause.REMOTE, t.cause());
  }

  @Test
  void dominantCauseIsTheLargestShare() {
    assertEquals(ProduceTrace.Cause.QUEUE, complete(0, 0, 0, 300, 310, 310, 310, 320).cause());
    assertEquals(ProduceTrace.Cause.LOCK_WAIT, complete(250, 10, 0, 5, 300, 300, 300, 301).cause());
    assertEquals(ProduceTrace.Cause.WRITE, complete(10, 280, 0, 5, 300, 300, 300, 301).cause());
    assertEquals(ProduceTrace.Cause.OTHER, complete(10, 10, 0, 5, 300, 300, 300, 301).cause());
  }

  @Test
  void callbackTimeMovesFromRemoteToLocal() {
    ProduceTrace t = new ProduceTrace(0);
    t.complete(0, 10, 20, 100, 100, 30, 100);
    assertEquals(40, t.localNanos());
    assertEquals(50, t.remoteNanos());
  }
}
