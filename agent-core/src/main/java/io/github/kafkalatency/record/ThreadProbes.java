package io.github.kafkalatency.record;

/**
 * Finds the calling thread's {@link ThreadProbe} in a table indexed by thread id, falling back to a
 * {@link ThreadLocal} when two live threads share a slot.
 *
 * <p>Usage: {@code probes.current()} from any probe. A hit costs an array read and one compare,
 * where {@code ThreadLocal.get()} on Kafka's request threads often misses its first slot: they
 * carry many thread-locals (the broker profile showed {@code ThreadLocalMap.getEntryAfterMiss} as
 * the top frame). A slot whose thread has died is freed when the aggregator drops that thread
 * ({@link #forget}), and taken by the next thread that maps to it.
 *
 * <p>Thread-safety: any thread. Slots are written racily with plain stores; a reader that sees
 * another thread's probe, or none, takes the slow path, and {@link ThreadProbe}'s final fields make
 * a probe seen through a racy read safe to use.
 */
final class ThreadProbes {
  private static final int SLOTS = 1024;

  private final ThreadProbe[] slots = new ThreadProbe[SLOTS];
  private final ThreadLocal<ThreadProbe> fallback;

  ThreadProbes(ThreadLocal<ThreadProbe> fallback) {
    this.fallback = fallback;
  }

  ThreadProbe current() {
    Thread thread = Thread.currentThread();
    int i = slot(thread);
    ThreadProbe t = slots[i];
    if (t != null && t.thread == thread) {
      return t;
    }
    return claim(thread, i, t);
  }

  /**
   * The miss path, which may run under Kafka's log lock: a thread-local read and at most one store.
   * A live occupant keeps its slot (the other thread stays on the thread-local); a dead one's slot
   * is emptied by {@link #forget}, so no liveness check is needed here.
   */
  private ThreadProbe claim(Thread thread, int i, ThreadProbe occupant) {
    ThreadProbe mine = fallback.get();
    if (occupant == null) {
      slots[i] = mine;
    }
    return mine;
  }

  /** Drops a dead thread's probe so that the table does not keep it (and its ring) reachable. */
  void forget(ThreadProbe dead) {
    int i = slot(dead.thread);
    if (slots[i] == dead) {
      slots[i] = null;
    }
  }

  @SuppressWarnings("deprecation") // threadId() is JDK 19+; getId() is the same value on 17-25
  private static int slot(Thread thread) {
    return (int) thread.getId() & (SLOTS - 1);
  }
}
