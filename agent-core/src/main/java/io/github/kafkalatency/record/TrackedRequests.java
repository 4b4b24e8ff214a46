package io.github.kafkalatency.record;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The produce requests between their handler and their completion, keyed by the request's identity:
 * handed from a request-handler thread to the network thread that completes it.
 *
 * <p>Usage: {@link #put} on the handler, {@link #remove} on completion (for every request Kafka
 * completes, produce or not), {@link #expire} from the aggregator. Each request takes the slot its
 * receive time ({@code startTimeNanos}) picks with one compare-and-set on that slot; only when the
 * slot is taken does it go to a {@link ConcurrentHashMap}. Not the identity hash: a new object's
 * first one is made by a call into the VM ({@code ObjectSynchronizer::FastHashCode} in the
 * profile), once per request. A broker has at most a few hundred produce requests in flight, so the
 * table almost never collides, and no counter shared by every handler and network thread is updated
 * per request (a {@code ConcurrentHashMap}'s size is: a profile of a steady broker put 0.6 % of its
 * CPU samples in tracking requests).
 *
 * <p>Thread-safety: any thread. A request is removed at most once, by the thread completing it.
 */
final class TrackedRequests {
  private static final int SLOTS = 4096;
  private static final int MAX_OVERFLOW = 10_000;

  private final AtomicReferenceArray<ProduceTrace> slots = new AtomicReferenceArray<>(SLOTS);
  private final ConcurrentHashMap<Object, ProduceTrace> overflow = new ConcurrentHashMap<>();

  /** Set once a request went to the overflow map: completions look there only from then on. */
  private volatile boolean overflowUsed;

  void put(Object request, ProduceTrace trace) {
    trace.request = request;
    if (slots.compareAndSet(slot(request), null, trace)) {
      return;
    }
    if (overflow.size() >= MAX_OVERFLOW) {
      overflow.clear(); // never completed (closed connections): do not let them pile up
    }
    overflow.put(request, trace);
    if (!overflowUsed) {
      overflowUsed = true;
    }
  }

  /** The trace of {@code request}, now forgotten; null when it is not a tracked produce request. */
  ProduceTrace remove(Object request) {
    int i = slot(request);
    ProduceTrace t = slots.get(i);
    if (t == null || t.request != request || !slots.compareAndSet(i, t, null)) {
      t = overflowUsed ? overflow.remove(request) : null;
    }
    if (t != null) {
      t.request = null;
    }
    return t;
  }

  /**
   * Forgets requests tracked before {@code cutoffNanos} that never completed (connection closed).
   */
  void expire(long cutoffNanos) {
    for (int i = 0; i < SLOTS; i++) {
      ProduceTrace t = slots.get(i);
      if (t != null && t.trackedAt < cutoffNanos) {
        slots.compareAndSet(i, t, null);
      }
    }
    overflow.values().removeIf(t -> t.trackedAt < cutoffNanos);
  }

  static int slot(Object request) {
    long h = RequestFields.startNanos(request) * 0x9E37_79B9_7F4A_7C15L;
    return (int) (h >>> 52); // the top 12 bits: SLOTS is 4096
  }
}
