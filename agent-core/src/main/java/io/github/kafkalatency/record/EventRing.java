package io.github.kafkalatency.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer, single-consumer ring of timed events: the hand-off from a Kafka thread to the
 * aggregator thread.
 *
 * <p>Usage: the owning thread calls {@link #push}; the aggregator calls {@link #drain}. A push is
 * four plain array stores and one release store, with no lock, allocation or atomic
 * read-modify-write, so it may run while Kafka's log lock is held. When the aggregator falls behind
 * and the ring is full, events are dropped and counted, never waited for.
 *
 * <p>Thread-safety: exactly one producer thread and one consumer thread.
 */
final class EventRing {
  /** What one drained event is handed to. */
  interface Consumer {
    void accept(Object subject, int kind, long value, long extra);
  }

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(EventRing.class, "head", long.class);
      TAIL = l.findVarHandle(EventRing.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Kind, value and extra of an event side by side: a push writes one line, not three. */
  private static final int STRIDE = 3;

  private final Object[] subjects;
  private final long[] fields;
  private final int mask;

  @SuppressWarnings("unused") // through HEAD
  private long head;

  @SuppressWarnings("unused") // through TAIL
  private long tail;

  private long dropped;

  EventRing(int capacityPowerOfTwo) {
    if (Integer.bitCount(capacityPowerOfTwo) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two");
    }
    subjects = new Object[capacityPowerOfTwo];
    fields = new long[capacityPowerOfTwo * STRIDE];
    mask = capacityPowerOfTwo - 1;
  }

  /** Producer only. Returns false when the event was dropped. */
  boolean push(Object subject, int kind, long value, long extra) {
    long t = (long) TAIL.get(this);
    if (t - (long) HEAD.getAcquire(this) > mask) {
      dropped++;
      return false;
    }
    int i = (int) t & mask;
    subjects[i] = subject;
    int f = i * STRIDE;
    fields[f] = kind;
    fields[f + 1] = value;
    fields[f + 2] = extra;
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /** Consumer only. Hands every published event to {@code consumer}; returns how many. */
  int drain(Consumer consumer) {
    long h = (long) HEAD.get(this);
    long t = (long) TAIL.getAcquire(this);
    for (long n = h; n < t; n++) {
      int i = (int) n & mask;
      Object subject = subjects[i];
      subjects[i] = null;
      int f = i * STRIDE;
      consumer.accept(subject, (int) fields[f], fields[f + 1], fields[f + 2]);
    }
    HEAD.setRelease(this, t);
    return (int) (t - h);
  }

  boolean isEmpty() {
    return (long) HEAD.getAcquire(this) == (long) TAIL.getAcquire(this);
  }

  /**
   * Events dropped because the ring was full; read racily by the consumer, which is fine for a
   * count.
   */
  long dropped() {
    return dropped;
  }
}
